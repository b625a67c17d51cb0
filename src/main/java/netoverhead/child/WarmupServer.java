package netoverhead.child;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import netoverhead.payload.PayloadPattern;

/**
 * A loopback server inside the child for the warm-up round, so that a model's read path runs (and is compiled)
 * exactly as it will against the real server. For bulk every connection gets one response with a body of the
 * payload pattern, whatever it asked for, and is closed; for rr and churn ({@link #answering()}) every request
 * gets a response of {@link #ANSWER_BYTES} of the pattern, on a connection kept open until the client closes it
 * or asks for {@code Connection: close}.
 */
final class WarmupServer implements AutoCloseable {
    private static final byte[] BODY = new byte[PayloadPattern.PERIOD];
    static {
        PayloadPattern.fill(0, BODY, 0, BODY.length);
    }

    static final int ANSWER_BYTES = 128;
    private static final byte[] ANSWER = answer();

    private final ServerSocketChannel server;
    /** The one response's body length, or -1 to answer every request of a kept-alive connection. */
    private final long bodyBytes;

    /** A server that answers every request with {@link #ANSWER_BYTES} of body until the connection closes. */
    static WarmupServer answering() throws IOException {
        return new WarmupServer(-1);
    }

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
                // as a real server's: answers go out at once, not held back (Nagle) behind an unacknowledged
                // earlier one, which with pipelined requests waits for the client's delayed ACK
                connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Runnable serve = bodyBytes < 0 ? () -> answerEach(connection) : () -> respond(connection);
                Thread.ofPlatform().daemon().name("netoverhead-warmup-response").start(serve);
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

    /** Answers each request head as it ends; pipelined heads are answered in order. */
    private void answerEach(SocketChannel connection) {
        try (connection) {
            ByteBuffer in = ByteBuffer.allocate(8192);
            StringBuilder head = new StringBuilder();
            while (connection.read(in) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    head.append((char) in.get());
                    if (!endsHead(head)) continue;
                    write(connection, ByteBuffer.wrap(ANSWER));
                    if (head.toString().toLowerCase(Locale.ROOT).contains("\nconnection: close")) return;
                    head.setLength(0);
                }
                in.clear();
            }
        } catch (IOException gone) {
            // the client gave up; the warm-up round does not care how it ends
        }
    }

    private static boolean endsHead(CharSequence head) {
        int n = head.length();
        return n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r'
                && head.charAt(n - 1) == '\n';
    }

    private static byte[] answer() {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + ANSWER_BYTES + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head.length + ANSWER_BYTES];
        System.arraycopy(head, 0, answer, 0, head.length);
        PayloadPattern.fill(0, answer, head.length, ANSWER_BYTES);
        return answer;
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
