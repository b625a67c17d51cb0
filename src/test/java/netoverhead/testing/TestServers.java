package netoverhead.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import netoverhead.payload.PayloadFile;
import netoverhead.server.PayloadServer;
import netoverhead.server.ServerHandle;

/** Real servers for tests, always on a free loopback port so that tests can run side by side. */
public final class TestServers {
    private TestServers() {}

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded payload server, in this JVM, serving {@code /testpayload}. */
    public static PayloadServer embedded(long payloadBytes) throws IOException {
        return PayloadServer.start(PayloadServer.Config.of("127.0.0.1", 0, "/testpayload", payloadBytes),
                PayloadFile.ofSize(payloadBytes));
    }

    /** A handle for a server a test runs itself: named, of a known payload, and nothing to stop. */
    public static ServerHandle handle(String description, long payloadBytes) {
        return new ServerHandle() {
            @Override public String description() { return description; }

            @Override public long payloadBytes() { return payloadBytes; }

            @Override public void close() { }
        };
    }
}
