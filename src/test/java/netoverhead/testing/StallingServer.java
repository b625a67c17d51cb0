package netoverhead.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A kept-alive server that stops answering for a while: it answers every GET with a small body at once, except
 * that from {@code stallAfter} after the first request it holds every answer for {@code stall}, then answers what
 * waited. For the coordinated-omission test: an open loop must charge that stall to every request it delayed.
 * Loopback, port 0, a thread per connection, bounded in connections and in time.
 */
public final class StallingServer implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 32;
    private static final long LIFETIME_MILLIS = 120_000;
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n0123456789abcdef")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final long stallAfterNanos;
    private final long stallNanos;
    private final AtomicLong firstRequest = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public StallingServer(long stallAfterMillis, long stallMillis) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.listener.setSoTimeout(200);
        this.stallAfterNanos = stallAfterMillis * 1_000_000L;
        this.stallNanos = stallMillis * 1_000_000L;
        Thread.ofPlatform().daemon().name("stalling-server").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Responses written so far. */
    public long answered() {
        return answered.get();
    }

    private void accept() {
        long deadline = System.currentTimeMillis() + LIFETIME_MILLIS;
        int accepted = 0;
        while (!closed && accepted < MAX_CONNECTIONS && System.currentTimeMillis() < deadline) {
            try {
                Socket s = listener.accept();
                accepted++;
                open.add(s);
                Thread.ofPlatform().daemon().name("stalling-connection").start(() -> serve(s));
            } catch (SocketTimeoutException e) {
                // look at the deadline again
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int matched = 0;
            int b;
            while (!closed && (b = in.read()) >= 0) {
                // a request ends with an empty line: count \r\n\r\n
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
                if (matched < 4) continue;
                matched = 0;
                long now = System.nanoTime();
                firstRequest.compareAndSet(0, now);
                long stallStart = firstRequest.get() + stallAfterNanos;
                long stallEnd = stallStart + stallNanos;
                if (now >= stallStart && now < stallEnd) Thread.sleep((stallEnd - now) / 1_000_000 + 1);
                out.write(RESPONSE);
                out.flush();
                answered.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away; nothing to answer
        }
    }

    @Override
    public void close() {
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
    }
}
