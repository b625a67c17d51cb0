package netoverhead.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small misbehaving HTTP server for tests: on loopback, port 0, one thread. For every connection it reads
 * the request head, then writes its canned response in the given pieces (a short pause between them, so
 * that the client sees them in separate reads) and closes, or with no pieces stays silent and holds the
 * connection open until the server is closed. Bounded in connections and in time.
 */
public final class CannedServer implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 32;
    private static final long LIFETIME_MILLIS = 120_000;

    private final ServerSocket listener;
    private final List<byte[]> pieces;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    private CannedServer(List<byte[]> pieces) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.listener.setSoTimeout(200);
        this.pieces = pieces;
        this.thread = Thread.ofPlatform().daemon().name("canned-server").start(this::serve);
    }

    /** Answers every connection with these pieces, one after another, then closes it. */
    public static CannedServer answering(List<byte[]> pieces) throws IOException {
        return new CannedServer(List.copyOf(pieces));
    }

    /** Reads every request and never answers. */
    public static CannedServer silent() throws IOException {
        return new CannedServer(List.of());
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void serve() {
        long deadline = System.currentTimeMillis() + LIFETIME_MILLIS;
        int accepted = 0;
        while (!closed && accepted < MAX_CONNECTIONS && System.currentTimeMillis() < deadline) {
            Socket s;
            try {
                s = listener.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            accepted++;
            try {
                s.setSoTimeout(5000);
                readHead(s.getInputStream());
                if (pieces.isEmpty()) {
                    held.add(s);
                    continue;
                }
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < pieces.size(); i++) {
                    if (i > 0) Thread.sleep(20);
                    out.write(pieces.get(i));
                    out.flush();
                }
                s.close();
            } catch (IOException | InterruptedException e) {
                closeQuietly(s);
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int read = 0;
        while (matched < 4 && read < 65536) {
            int b = in.read();
            if (b < 0) return;
            read++;
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        closeQuietly(listener);
        held.forEach(CannedServer::closeQuietly);
        thread.join(5000);
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
