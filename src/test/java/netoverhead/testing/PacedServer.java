package netoverhead.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A payload server that takes its time: it serves {@code /testpayload} (HEAD and GET) with every body sent
 * in pieces and a pause between them, so that a run lasts at least {@link #minimumBodyTime()} however fast
 * the machine is. For recordings whose periodic events need a run of known length. Loopback, port 0, a
 * thread per connection, bounded in connections and in time.
 */
public final class PacedServer implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 64;
    private static final long LIFETIME_MILLIS = 300_000;

    private final ServerSocket listener;
    private final long bodyBytes;
    private final int pieces;
    private final Duration pause;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private PacedServer(long bodyBytes, int pieces, Duration pause) throws IOException {
        if (pieces < 1 || bodyBytes < pieces) throw new IllegalArgumentException("need at least a byte a piece");
        this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.listener.setSoTimeout(200);
        this.bodyBytes = bodyBytes;
        this.pieces = pieces;
        this.pause = pause;
        this.acceptor = Thread.ofPlatform().daemon().name("paced-server").start(this::accept);
    }

    /** Serves bodies of this size in this many pieces, with this pause before every piece but the first. */
    public static PacedServer start(long bodyBytes, int pieces, Duration pause) throws IOException {
        return new PacedServer(bodyBytes, pieces, pause);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The least time any one body takes to send. */
    public Duration minimumBodyTime() {
        return pause.multipliedBy(pieces - 1);
    }

    private void accept() {
        long deadline = System.currentTimeMillis() + LIFETIME_MILLIS;
        int accepted = 0;
        while (!closed && accepted < MAX_CONNECTIONS && System.currentTimeMillis() < deadline) {
            try {
                Socket s = listener.accept();
                accepted++;
                open.add(s);
                Thread.ofPlatform().daemon().name("paced-server-" + accepted).start(() -> serve(s));
            } catch (SocketTimeoutException e) {
                // look at closed and the deadline again
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            String method = readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + bodyBytes
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!method.equals("GET")) return;
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < pieces && !closed; i++) {
                if (i > 0) Thread.sleep(pause.toMillis());
                long piece = bodyBytes / pieces + (i == pieces - 1 ? bodyBytes % pieces : 0);
                for (long left = piece; left > 0; ) {
                    int n = (int) Math.min(block.length, left);
                    out.write(block, 0, n);
                    left -= n;
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the server is closing
        } finally {
            open.remove(s);
        }
    }

    /** Reads the request head and returns its method. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.length() < 65536) {
            int b = in.read();
            if (b < 0) break;
            head.append((char) b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int space = head.indexOf(" ");
        return space > 0 ? head.substring(0, space) : "";
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        acceptor.join(5000);
    }
}
