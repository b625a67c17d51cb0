package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/** The probe before an rr run, against the embedded server and small real servers that misbehave. */
class RrProbeTest {
    private static final byte[] FIVE = ScriptedServer.body(0, 5);

    @Test
    void learnsTheSizeAtThePathFromTheEmbeddedServer() throws Exception {
        try (PayloadServer server = TestServers.embedded(1000)) {
            assertThat(RrProbe.probe("127.0.0.1", server.port(), "/rr/128", 2000, 2000)).isEqualTo(128);
            assertThat(RrProbe.probe("127.0.0.1", server.port(), "/rr/0", 2000, 2000)).isZero();
            assertThat(RrProbe.probe("127.0.0.1", server.port(), "/testpayload", 2000, 2000)).isEqualTo(1000);
            assertThat(RrServerTest.awaitCount(server, 6)).as("two requests per probe").isEqualTo(6);
            assertThatThrownBy(() -> RrProbe.probe("127.0.0.1", server.port(), "/nothing", 2000, 2000))
                    .hasMessage("the server at 127.0.0.1:" + server.port() + " answers GET /nothing with 404 Not Found; "
                            + "rr needs a 200 response there");
        }
    }

    @Test
    void aServerThatSaysConnectionCloseAndClosesIsRefused() throws Exception {
        // ScriptedServer answers each connection's one GET with "Connection: close", then closes
        try (ScriptedServer server = ScriptedServer.start(5, ScriptedServer.ok(5))) {
            assertThatThrownBy(() -> RrProbe.probe("127.0.0.1", server.port(), "/rr/5", 2000, 2000))
                    .hasMessage("the server at 127.0.0.1:" + server.port() + " closes the connection after each "
                            + "response (Connection: close); rr needs keep-alive");
        }
    }

    @Test
    void aServerThatClosesWithoutSayingSoIsRefusedAtTheSecondRequest() throws Exception {
        byte[] answer = ScriptedServer.concat(ScriptedServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), FIVE);
        try (ScriptedServer server = ScriptedServer.start(5, ScriptedServer.raw(answer))) {
            assertThatThrownBy(() -> RrProbe.probe("127.0.0.1", server.port(), "/rr/5", 2000, 2000))
                    .hasMessageEndingWith(" closes the connection after each response (Connection: close); rr needs keep-alive");
        }
    }

    @Test
    void aBodyThatEndsOnlyWithTheConnectionIsRefused() throws Exception {
        byte[] answer = ScriptedServer.concat(ScriptedServer.ascii("HTTP/1.1 200 OK\r\n\r\n"), FIVE);
        try (ScriptedServer server = ScriptedServer.start(5, ScriptedServer.raw(answer))) {
            assertThatThrownBy(() -> RrProbe.probe("127.0.0.1", server.port(), "/rr/5", 2000, 2000))
                    .hasMessage("the server at 127.0.0.1:" + server.port() + " answers GET /rr/5 without Content-Length "
                            + "or chunked framing (its body ends when it closes the connection); rr needs one of them");
        }
    }

    @Test
    void twoDifferentSizesAreRefusedAndChunkedAnswersAreMeasured() throws Exception {
        // keeps the connection: answers the first GET with 5 bytes, the second with 6, as the script says
        try (ScriptedServer server = ScriptedServer.start(5, (s, out, i) -> {
            out.write(ScriptedServer.concat(ScriptedServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"), FIVE));
            out.flush();
            readHead(s.getInputStream());
            out.write(ScriptedServer.concat(ScriptedServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n"), ScriptedServer.body(0, 6)));
        })) {
            assertThatThrownBy(() -> RrProbe.probe("127.0.0.1", server.port(), "/rr/5", 2000, 2000))
                    .hasMessage("the server at 127.0.0.1:" + server.port() + " answers GET /rr/5 with 5 bytes, then 6 "
                            + "bytes; rr needs the same response each time");
        }
        byte[] chunked = ScriptedServer.concat(ScriptedServer.ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\n"), ScriptedServer.body(0, 3), ScriptedServer.ascii("\r\n4\r\n"), ScriptedServer.body(3, 4),
                ScriptedServer.ascii("\r\n0\r\n\r\n"));
        try (ScriptedServer server = ScriptedServer.start(7, (s, out, i) -> {
            out.write(chunked);
            out.flush();
            readHead(s.getInputStream());
            out.write(chunked);
        })) {
            assertThat(RrProbe.probe("127.0.0.1", server.port(), "/rr/7", 2000, 2000)).isEqualTo(7);
        }
    }

    @Test
    void nothingListeningIsOneLine() throws Exception {
        int port = TestServers.freePort();
        assertThatThrownBy(() -> RrProbe.probe("127.0.0.1", port, "/rr/5", 2000, 2000))
                .hasMessage("the server at 127.0.0.1:" + port + " does not answer: Connection refused");
    }

    @Test
    void anHttp10AnswerWithoutKeepAliveCloses() {
        assertThat(RrProbe.closesAfter("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\n")).isTrue();
        assertThat(RrProbe.closesAfter("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n\r\n")).isFalse();
        assertThat(RrProbe.closesAfter("HTTP/1.1 200 OK\r\nconnection: TE, close\r\n\r\n")).isTrue();
        assertThat(RrProbe.closesAfter("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n")).isFalse();
    }

    /** Reads up to the empty line that ends the next request head on a scripted server's connection. */
    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) return;
        }
        throw new IOException("the client closed before its second request");
    }
}
