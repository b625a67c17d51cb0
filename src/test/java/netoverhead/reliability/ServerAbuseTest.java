package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.payload.PayloadFile;
import netoverhead.payload.PayloadPattern;
import netoverhead.server.PayloadServer;

/** The embedded server against hostile and broken clients: each is refused or dropped, the others served. */
class ServerAbuseTest {
    private static final long PAYLOAD = 4L << 20;
    private static PayloadServer server;

    @BeforeAll
    static void start() throws IOException {
        PayloadServer.Config base = PayloadServer.Config.of("127.0.0.1", 0, "/testpayload", PAYLOAD);
        // a header timeout of 1 s instead of 10 s, so that the slowloris test is short
        server = PayloadServer.start(new PayloadServer.Config(base.bind(), 0, base.path(), PAYLOAD, 2, base.backlog(),
                1000, base.sendTimeoutMillis(), base.maxRequestLineBytes(), base.maxHeadBytes()),
                PayloadFile.ofSize(PAYLOAD));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void slowlorisIsClosedAfterTheHeaderTimeout() throws Exception {
        byte[] head = "GET /testpayload HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            int sent = 0;
            boolean closed = false;
            // one byte every 50 ms: the whole head would take 6 s; the server allows 1 s for it
            for (; sent < head.length - 1 && !closed; sent++) {
                try {
                    out.write(head[sent]);
                    out.flush();
                } catch (SocketException e) {
                    closed = true; // reset: the server closed long ago
                }
                Thread.sleep(50);
                closed |= closedByPeer(s);
            }
            assertThat(closed).as("the server closed the connection before the head was complete (%d of %d bytes)",
                    sent, head.length).isTrue();
        }
        assertThat(get("/testpayload")).startsWith("HTTP/1.1 200 OK"); // and still serves others
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELLO\r\n\r\n", "GET\r\n\r\n", "GET /testpayload\r\n\r\n", " GET /testpayload HTTP/1.1\r\n\r\n",
            "GET /testpayload HTTP/1.1\r\nno colon here\r\n\r\n", "GET testpayload HTTP/1.1\r\n\r\n",
            "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003"})
    void garbageIsRefusedWith400AndClosed(String garbage) throws Exception {
        String response = exchange(garbage.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/testpayload/../../../etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/testpayload%00", "//etc/passwd",
            "/testpayload/..%2ftestpayload"})
    void pathTraversalIs404(String path) throws Exception {
        String response = exchange(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response).startsWith("HTTP/1.1 404 Not Found\r\n").endsWith("\r\n\r\nnot found\n");
        assertThat(response).doesNotContain("root:");
    }

    @Test
    void overlongRequestLineIs414() throws Exception {
        String response = exchange(("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(response).startsWith("HTTP/1.1 414 URI Too Long\r\n");
    }

    @Test
    void overlongHeadersAre431() throws Exception {
        String headers = ("X-Filler: " + "b".repeat(990) + "\r\n").repeat(20); // 20 KB, the limit is 16 KiB
        String response = exchange(("GET /testpayload HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(response).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
    }

    @Test
    void clientsResettingMidTransferDoNotDisturbTheOthers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            List<Future<Long>> whole = new ArrayList<>();
            List<Future<?>> resets = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                resets.add(pool.submit(() -> {
                    try (Socket s = connect()) {
                        s.getOutputStream().write(request("/testpayload"));
                        s.getInputStream().readNBytes(100_000);
                        s.setSoLinger(true, 0); // close with a reset, with most of the body unsent
                    }
                    return null;
                }));
                whole.add(pool.submit(ServerAbuseTest::downloadAndVerify));
            }
            for (Future<?> f : resets) f.get(60, TimeUnit.SECONDS);
            for (Future<Long> f : whole) assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(PAYLOAD);
            assertThat(downloadAndVerify()).isEqualTo(PAYLOAD);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Downloads the payload, checks every byte against the pattern, and returns how many arrived. */
    private static long downloadAndVerify() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(request("/testpayload"));
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200 OK").contains("Content-Length: " + PAYLOAD);
            byte[] buf = new byte[65536];
            byte[] expected = new byte[65536];
            long got = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                PayloadPattern.fill(got, expected, 0, n);
                assertThat(java.util.Arrays.equals(buf, 0, n, expected, 0, n)).as("bytes from %d", got).isTrue();
                got += n;
            }
            return got;
        }
    }

    private static String get(String path) throws IOException {
        return exchange(("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] request(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the bytes and reads until the server closes; the server must close, within the read timeout. */
    private static String exchange(byte[] bytes) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = s.getInputStream().read(buf)) >= 0 && got.size() < (1 << 20)) got.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed; got: " + got.toString(StandardCharsets.ISO_8859_1));
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        } finally {
            s.setSoTimeout(10_000);
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }
}
