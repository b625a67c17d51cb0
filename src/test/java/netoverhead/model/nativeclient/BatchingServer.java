package netoverhead.model.nativeclient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A keep-alive HTTP server for pipelining: it waits until `batch` requests of a connection are unanswered,
 * then answers them in one write, so that the client reads several responses from one buffer. The bodies
 * differ in length, response i of a connection carrying (i % batch) + 1 bytes, so that a client that
 * matched a response with the wrong framing counts other body bytes. It counts the requests it answered.
 */
final class BatchingServer implements AutoCloseable {
    private final ServerSocket listener;
    private final int batch;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong answered = new AtomicLong();

    BatchingServer(int batch) throws IOException {
        this.batch = batch;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        Thread.ofPlatform().daemon().name("batching-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    long answered() {
        return answered.get();
    }

    /** The body bytes of a connection's first `responses` responses. */
    long bodyBytes(long responses) {
        long bytes = 0;
        for (long i = 0; i < responses; i++) bytes += i % batch + 1;
        return bytes;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                open.add(s);
                Thread.ofPlatform().daemon().name("batching-conn").start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(20_000);
            InputStream in = new BufferedInputStream(s.getInputStream());
            int last4 = 0; // the last four bytes read, oldest in the high byte
            long requests = 0, responses = 0;
            int b;
            while ((b = in.read()) >= 0) {
                last4 = last4 << 8 | b;
                if (last4 != 0x0d0a0d0a) continue;
                requests++;
                if (requests - responses < batch) continue;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long count = requests - responses;
                for (; responses < requests; responses++) {
                    int length = (int) (responses % batch) + 1;
                    out.writeBytes(("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
                }
                answered.addAndGet(count); // before the write: the client may end and the test look at once
                s.getOutputStream().write(out.toByteArray());
            }
        } catch (IOException e) {
            // the client or close() ended the connection
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) s.close();
    }
}
