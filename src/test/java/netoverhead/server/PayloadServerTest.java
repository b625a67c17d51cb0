package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import netoverhead.payload.PayloadPattern;
import netoverhead.testing.TestServers;

/** The embedded server over real sockets: GET, HEAD, HTTP/1.0 and 1.1, keep-alive, unknown paths. */
class PayloadServerTest {
    private static final int PAYLOAD = 300_000;
    private static PayloadServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServers.embedded(PAYLOAD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A raw response: head text and body bytes. */
    record Response(String head, byte[] body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response; its body by Content-Length, or none when {@code head} is true. */
    private static Response read(InputStream in, boolean headOnly) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            headBytes.write(b);
            String text = headBytes.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) break;
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        byte[] body = headOnly ? new byte[0] : in.readNBytes(length);
        return new Response(head, body);
    }

    @Test
    void getAnswersThePayloadWithItsDeterministicContent() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /testpayload HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            Response r = read(s.getInputStream(), false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.head()).contains("Content-Length: " + PAYLOAD).contains("Connection: close");
            byte[] expected = new byte[PAYLOAD];
            PayloadPattern.fill(0, expected, 0, PAYLOAD);
            assertThat(r.body()).isEqualTo(expected);
            assertThat(s.getInputStream().read()).as("closed after the body").isEqualTo(-1);
        }
    }

    @Test
    void headAnswersTheHeadWithoutABody() throws IOException {
        try (Socket s = connect()) {
            send(s, "HEAD /testpayload HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            Response r = read(s.getInputStream(), true);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.head()).contains("Content-Length: " + PAYLOAD);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void http11KeepsTheConnectionAliveForSeveralRequests() throws IOException {
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                send(s, "GET /testpayload HTTP/1.1\r\nHost: x\r\n\r\n");
                Response r = read(s.getInputStream(), false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.head()).doesNotContain("Connection: close");
                assertThat(r.body()).hasSize(PAYLOAD);
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (Socket s = connect()) {
            send(s, "HEAD /testpayload HTTP/1.1\r\nHost: x\r\n\r\nGET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(read(s.getInputStream(), true).status()).isEqualTo(200);
            assertThat(read(s.getInputStream(), false).status()).isEqualTo(404);
        }
    }

    @Test
    void pipelinedGetsOfABodySentInSeveralChunksArriveWholeAndInOrder() throws IOException {
        // the body goes out a bounded chunk per turn of the loop: the second request waits for all of it
        byte[] expected = new byte[PAYLOAD];
        PayloadPattern.fill(0, expected, 0, PAYLOAD);
        try (Socket s = connect()) {
            send(s, "GET /testpayload HTTP/1.1\r\nHost: x\r\n\r\n".repeat(2) + "HEAD /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
            for (int i = 0; i < 2; i++) {
                Response r = read(s.getInputStream(), false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).as("body %d", i).isEqualTo(expected);
            }
            assertThat(read(s.getInputStream(), true).status()).isEqualTo(404);
        }
    }

    @Test
    void http10ClosesAfterTheResponseUnlessAskedToKeepAlive() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /testpayload HTTP/1.0\r\n\r\n");
            Response r = read(s.getInputStream(), false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).hasSize(PAYLOAD);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        try (Socket s = connect()) {
            send(s, "HEAD /testpayload HTTP/1.0\r\nConnection: keep-alive\r\n\r\nHEAD /testpayload HTTP/1.0\r\n\r\n");
            assertThat(read(s.getInputStream(), true).status()).isEqualTo(200);
            assertThat(read(s.getInputStream(), true).status()).isEqualTo(200);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void http10KeepAliveIsSaidInTheAnswerSoThatTheClientNeedNotWaitForAClose() throws IOException {
        // ab -k: HTTP/1.0 with "Connection: Keep-Alive"; the answer must say keep-alive, or ab waits for a close
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                send(s, "GET /testpayload HTTP/1.0\r\nConnection: Keep-Alive\r\nHost: x\r\n\r\n");
                Response r = read(s.getInputStream(), false);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.head()).contains("Connection: keep-alive\r\n").doesNotContain("close");
                assertThat(r.body()).hasSize(PAYLOAD);
            }
            send(s, "HEAD /testpayload HTTP/1.0\r\nHost: x\r\n\r\n");
            assertThat(read(s.getInputStream(), true).head()).contains("Connection: close\r\n");
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void http11ClosesWhenAskedAmongOtherConnectionOptions() throws IOException {
        try (Socket s = connect()) {
            send(s, "HEAD /testpayload HTTP/1.1\r\nHost: x\r\nConnection: TE\r\nConnection: close\r\n\r\n");
            assertThat(read(s.getInputStream(), true).head()).contains("Connection: close\r\n");
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void manyPipelinedRequestsInOneWriteAreAllAnsweredInOrder() throws IOException {
        // 400 requests arrive in a few reads; each answer is sent before the next request is looked at
        int n = 400;
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < n; i++) {
            requests.append(i % 2 == 0 ? "HEAD /testpayload" : "HEAD /other-" + i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (Socket s = connect()) {
            send(s, requests.toString());
            for (int i = 0; i < n; i++) {
                assertThat(read(s.getInputStream(), true).status()).as("answer %d", i).isEqualTo(i % 2 == 0 ? 200 : 404);
            }
        }
    }

    @Test
    void unknownPathsAre404() throws IOException {
        for (String path : new String[] {"/", "/other", "/testpayload/x", "/../testpayload"}) {
            try (Socket s = connect()) {
                send(s, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertThat(read(s.getInputStream(), false).status()).as(path).isEqualTo(404);
            }
        }
    }

    @Test
    void aQueryStringStillFindsThePayload() throws IOException {
        try (Socket s = connect()) {
            send(s, "HEAD /testpayload?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(read(s.getInputStream(), true).status()).isEqualTo(200);
        }
    }
}
