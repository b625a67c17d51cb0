package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import netoverhead.testing.TestServers;

/** The embedded server's rr paths over real sockets: sizes, pipelining, split requests, names of no size. */
class RrServerTest {
    private static final int PAYLOAD = 5000;
    private static PayloadServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServers.embedded(PAYLOAD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everySizeIsServedWithThePatternOnOneKeptAliveConnection() throws IOException {
        // around the inline bound (16 KiB), the pattern's period (65,521) and one slice (64 KiB), and a body of many slices
        long[] sizes = {0, 1, 128, 4096, 16_384, 16_385, 65_521, 65_536, 65_537, 300_001, 1_000_003};
        try (RrClient c = new RrClient(server.port())) {
            for (long size : sizes) {
                c.send(RrClient.get(RrPath.of(size)));
                RrClient.Response r = c.read();
                assertThat(r.status()).as("/rr/%d", size).isEqualTo(200);
                assertThat(r.head()).contains("Content-Length: " + size + "\r\n").doesNotContain("Connection:");
                assertThat(r.body()).as("/rr/%d", size).hasSize((int) size);
                assertThat(r.bodyIsPattern()).as("/rr/%d is the pattern from offset 0", size).isTrue();
            }
            c.send("HEAD /rr/1073741824 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read(true).head()).startsWith("HTTP/1.1 200 OK").contains("Content-Length: 1073741824\r\n");
            c.send(RrClient.get("/testpayload"));
            RrClient.Response payload = c.read();
            assertThat(payload.body()).hasSize(PAYLOAD);
            assertThat(payload.bodyIsPattern()).isTrue();
        }
    }

    @Test
    void pipelinedRequestsInOneWriteAreAllAnsweredInOrder() throws IOException {
        // small answers composed together, a streamed body among them, a 404, a HEAD: all in one write
        List<String> paths = new ArrayList<>();
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String path = switch (i % 10) {
                case 3 -> "/rr/70000";
                case 5 -> "/nothing";
                case 7 -> "/testpayload";
                default -> "/rr/" + (i % 10) * 100;
            };
            paths.add(path);
            requests.append(RrClient.get(path));
        }
        try (RrClient c = new RrClient(server.port())) {
            c.send(requests.toString());
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                RrClient.Response r = c.read();
                if (path.equals("/nothing")) {
                    assertThat(r.status()).as("answer %d", i).isEqualTo(404);
                    continue;
                }
                long size = path.equals("/testpayload") ? PAYLOAD : RrPath.parse(path);
                assertThat(r.status()).as("answer %d", i).isEqualTo(200);
                assertThat(r.body()).as("answer %d to %s", i, path).hasSize((int) size);
                assertThat(r.bodyIsPattern()).as("answer %d to %s", i, path).isTrue();
            }
        }
    }

    @Test
    void aRequestSplitOverManyReadsIsAnsweredOnceWhole() throws IOException, InterruptedException {
        String request = RrClient.get("/rr/128") + RrClient.get("/rr/3");
        try (RrClient c = new RrClient(server.port())) {
            // the first request's head in pieces of 7 bytes, the second with the first's last piece
            for (int at = 0; at < request.length(); at += 7) {
                c.send(request.substring(at, Math.min(request.length(), at + 7)));
                Thread.sleep(2);
            }
            assertThat(c.read().body()).hasSize(128);
            assertThat(c.read().body()).hasSize(3);
        }
    }

    @Test
    void namesOfNoSizeAre404AndPercentEncodingNamesTheSameSize() throws IOException {
        try (RrClient c = new RrClient(server.port())) {
            for (String path : new String[] {"/rr/", "/rr/-1", "/rr/+1", "/rr/01", "/rr/1073741825", "/rr/12a",
                    "/rr/99999999999", "/rr/1/"}) {
                c.send(RrClient.get(path));
                RrClient.Response r = c.read();
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(new String(r.body())).as(path).isEqualTo("rr sizes are /rr/0 to /rr/1073741824, in plain decimal\n");
            }
            c.send(RrClient.get("/rr/%31%32%38") + RrClient.get("/rr/128?x=1"));
            assertThat(c.read().body()).hasSize(128);
            assertThat(c.read().body()).hasSize(128);
        }
    }

    @Test
    void theConnectionClosesOnlyWhenTheRequestSaysSo() throws IOException {
        try (RrClient c = new RrClient(server.port())) {
            c.send("GET /rr/10 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RrClient.Response r = c.read();
            assertThat(r.head()).contains("Connection: close\r\n");
            assertThat(r.body()).hasSize(10);
            assertThat(c.closedByServer()).isTrue();
        }
        try (RrClient c = new RrClient(server.port())) {
            c.send("GET /rr/10 HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /rr/20 HTTP/1.0\r\n\r\n");
            assertThat(c.read().head()).contains("Connection: keep-alive\r\n");
            RrClient.Response last = c.read();
            assertThat(last.head()).contains("Connection: close\r\n");
            assertThat(last.body()).hasSize(20);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void theCountIsEveryResponseWrittenWhole() throws Exception {
        // a server of its own, so that no other test's requests count; 20 connections, each 50 requests, 5 at a time
        try (PayloadServer counted = TestServers.embedded(1000)) {
            assertThat(counted.answered()).isZero();
            List<RrClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) clients.add(new RrClient(counted.port()));
                for (int round = 0; round < 10; round++) {
                    for (RrClient c : clients) c.send((RrClient.get("/rr/64") + RrClient.get("/nothing")).repeat(2) + RrClient.get("/rr/20000"));
                    for (RrClient c : clients) for (int k = 0; k < 5; k++) c.read();
                }
            } finally {
                for (RrClient c : clients) c.close();
            }
            assertThat(awaitCount(counted, 20 * 10 * 5)).isEqualTo(20 * 10 * 5);
            // a response the client walks away from is never written whole, and never counted
            try (RrClient c = new RrClient(counted.port())) {
                c.send(RrClient.get("/rr/100000000"));
                c.read(true);
            }
            try (RrClient c = new RrClient(counted.port())) {
                c.send(RrClient.get("/rr/1"));
                c.read();
            }
            assertThat(awaitCount(counted, 20 * 10 * 5 + 1)).isEqualTo(20 * 10 * 5 + 1);
        }
    }

    /**
     * The server's count once it reaches {@code expected}, or after 10 s: a response's last byte can reach the client
     * a moment before the loop that wrote it counts it.
     */
    static long awaitCount(PayloadServer server, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (server.answered() < expected && System.nanoTime() < deadline) Thread.sleep(1);
        return server.answered();
    }
}
