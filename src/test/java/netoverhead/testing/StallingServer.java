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
 * A kept-alive server that stops answering for a while: it answers every request with a small body at once (HEAD
 * with the head alone), except
 * that from {@code stallAfter} after the first request it holds every answer for {@code stall}, then answers what
 * waited. For the coordinated-omission test: an open loop must charge that stall to every request it delayed.
 * It counts its answers per connection, for tests that check the client's counts against the server's.
 * Loopback, port 0, a thread per connection, bounded in connections and in time.
 */
public final class StallingServer implements AutoCloseable {
    private static final int MAX_CONNECTIONS = 32;
    private static final long LIFETIME_MILLIS = 120_000;
    private static final byte[] HEAD = "HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\n0123456789abcdef")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final long stallAfterNanos;
    private final long stallNanos;
    private final AtomicLong firstRequest = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final List<AtomicLong> perConnection = new CopyOnWriteArrayList<>();
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

    /**
     * Responses per connection, in the order the connections were accepted; each is counted before it is
     * written, so a client that has read an answer finds it counted.
     */
    public List<Long> answeredPerConnection() {
        return perConnection.stream().map(AtomicLong::get).toList();
    }

    /** A server that answers at once, always. */
    public static StallingServer neverStalling() throws IOException {
        return new StallingServer(Long.MAX_VALUE / 4_000_000L, 0);
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
        AtomicLong mine = new AtomicLong();
        perConnection.add(mine);
        try (s) {
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            int matched = 0;
            boolean head = false;
            boolean requestStart = true;
            int b;
            while (!closed && (b = in.read()) >= 0) {
                if (requestStart) head = b == 'H'; // HEAD: the head of the answer alone
                requestStart = false;
                // a request ends with an empty line: count \r\n\r\n
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
                if (matched < 4) continue;
                matched = 0;
                requestStart = true;
                long now = System.nanoTime();
                firstRequest.compareAndSet(0, now);
                long stallStart = firstRequest.get() + stallAfterNanos;
                long stallEnd = stallStart + stallNanos;
                if (now >= stallStart && now < stallEnd) Thread.sleep((stallEnd - now) / 1_000_000 + 1);
                mine.incrementAndGet();
                answered.incrementAndGet();
                out.write(head ? HEAD : RESPONSE);
                out.flush();
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
