package netoverhead.child;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import netoverhead.payload.PayloadPattern;

/**
 * A loopback server inside the child for the warm-up round: every connection gets one response with a body
 * of the payload pattern, whatever it asked for, so that a model's read path runs (and is compiled) exactly
 * as it will against the real server.
 */
final class WarmupServer implements AutoCloseable {
    private static final byte[] BODY = new byte[PayloadPattern.PERIOD];
    static {
        PayloadPattern.fill(0, BODY, 0, BODY.length);
    }

    private final ServerSocketChannel server;
    private final long bodyBytes;

    WarmupServer(long bodyBytes) throws IOException {
        this.bodyBytes = bodyBytes;
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("netoverhead-warmup-server").start(this::accept);
    }

    String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                Thread.ofPlatform().daemon().name("netoverhead-warmup-response").start(() -> respond(connection));
            }
        } catch (IOException closed) {
            // close() ends the round
        }
    }

    private void respond(SocketChannel connection) {
        try (connection) {
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (!headEnded(in)) {
                if (!in.hasRemaining() || connection.read(in) < 0) return;
            }
            String head = "HTTP/1.1 200 OK\r\nContent-Length: " + bodyBytes + "\r\nConnection: close\r\n\r\n";
            write(connection, ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            long offset = 0;
            while (offset < bodyBytes) {
                int from = (int) (offset % BODY.length);
                int n = (int) Math.min(BODY.length - from, bodyBytes - offset);
                write(connection, ByteBuffer.wrap(BODY, from, n));
                offset += n;
            }
        } catch (IOException gone) {
            // the client gave up; the warm-up round does not care how it ends
        }
    }

    private static boolean headEnded(ByteBuffer in) {
        int p = in.position();
        return p >= 4 && in.get(p - 4) == '\r' && in.get(p - 3) == '\n' && in.get(p - 2) == '\r' && in.get(p - 1) == '\n';
    }

    private static void write(SocketChannel connection, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) connection.write(buffer);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
