package netoverhead.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import netoverhead.payload.PayloadPattern;

/**
 * A real TCP server whose connections follow a script: the misbehaving HTTP servers of the failure tests.
 * It reads each request head itself, answers HEAD probes as a well-behaved server would (so that
 * {@code run --server external} accepts it), and hands every GET to the script with its index (0, 1, 2...
 * in order of arrival), so a script can misbehave on some connections only. Bounded: every socket has a
 * read timeout, and {@link #close()} ends every connection and thread.
 */
public final class ScriptedServer implements AutoCloseable {
    /** What the server does with one GET, after the request head has been read. */
    @FunctionalInterface
    public interface Script {
        void serve(Socket socket, OutputStream out, int index) throws IOException, InterruptedException;
    }

    /**
     * What the server answers to one request, HEAD probes included, given the request's head ("HEAD /a
     * HTTP/1.1\r\n..."): for servers that answer HEAD in their own way, or each path differently.
     */
    @FunctionalInterface
    public interface Answer {
        void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    private static final int MAX_HEAD = 64 * 1024;

    private final ServerSocket listener;
    private final long payloadBytes;
    private final Script script;
    private final Answer answer;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private ScriptedServer(ServerSocket listener, long payloadBytes, Script script, Answer answer) {
        this.listener = listener;
        this.payloadBytes = payloadBytes;
        this.script = script;
        this.answer = answer;
        Thread.ofPlatform().daemon().name("scripted-accept").start(this::accept);
    }

    /** A server on 127.0.0.1 whose HEAD answer announces {@code payloadBytes}. */
    public static ScriptedServer start(long payloadBytes, Script script) throws IOException {
        return start(InetAddress.getByName("127.0.0.1"), payloadBytes, script);
    }

    public static ScriptedServer start(InetAddress bind, long payloadBytes, Script script) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(bind, 0), 1024);
        return new ScriptedServer(listener, payloadBytes, script, null);
    }

    /** A server on 127.0.0.1 that hands every request, HEAD and GET alike, to {@code answer}, then closes. */
    public static ScriptedServer answering(Answer answer) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        return new ScriptedServer(listener, -1, null, answer);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                if (closed) {
                    // accepted in the instant of the close: a probe of stopListening, or a connection close() would end
                    s.close();
                    return;
                }
                accepted.incrementAndGet();
                open.add(s);
                Thread.ofPlatform().daemon().name("scripted-conn").start(() -> handle(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            String head = readHead(s.getInputStream());
            if (head == null) return;
            OutputStream out = s.getOutputStream();
            if (answer != null) {
                answer.answer(head, out);
                out.flush();
                return;
            }
            if (head.startsWith("HEAD ")) {
                out.write(okHead(payloadBytes));
                out.flush();
                return;
            }
            script.serve(s, out, gets.getAndIncrement());
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client or close() ended the connection; the test looks at what the client recorded
        } finally {
            open.remove(s);
        }
    }

    /** Reads up to the empty line that ends a request head; null if the client closed first. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int last4 = 0; // the last four bytes read, oldest in the high byte
        while (head.size() < MAX_HEAD && (b = in.read()) >= 0) {
            head.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) return head.toString(StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** Stops accepting: returns once a connect to the port is refused (see {@link TestServers#stopListening}). */
    public void stopListening() throws IOException {
        closed = true;
        TestServers.stopListening(listener);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    // ---- building blocks of scripts

    public static byte[] okHead(long contentLength) {
        return ascii("HTTP/1.1 200 OK\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n");
    }

    /** The payload's bytes [from, from + n), as the embedded server would send them. */
    public static byte[] body(long from, int n) {
        byte[] b = new byte[n];
        PayloadPattern.fill(from, b, 0, n);
        return b;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) all.writeBytes(p);
        return all.toByteArray();
    }

    /** Answers a correct response with a body of {@code n} payload bytes, then closes. */
    public static Script ok(int n) {
        return (s, out, i) -> out.write(concat(okHead(n), body(0, n)));
    }

    /** Sends exactly these bytes in one write, then closes. */
    public static Script raw(byte[] bytes) {
        return (s, out, i) -> out.write(bytes);
    }

    /** Sends these bytes, then keeps the connection open, silent, until the client or the test closes it. */
    public static Script thenHold(byte[] bytes) {
        return (s, out, i) -> {
            out.write(bytes);
            out.flush();
            hold(s);
        };
    }

    /** Accepts the request and never answers. */
    public static Script silent() {
        return (s, out, i) -> hold(s);
    }

    /** Waits, then runs {@code then}: keeps connections open so that the client has many at once. */
    public static Script after(long millis, Script then) {
        return (s, out, i) -> {
            Thread.sleep(millis);
            then.serve(s, out, i);
        };
    }

    /** Runs {@code bad} on odd connections and {@code good} on even ones. */
    public static Script alternate(Script good, Script bad) {
        return (s, out, i) -> (i % 2 == 0 ? good : bad).serve(s, out, i);
    }

    /** Blocks until the peer closes or the server is closed (read timeout aside). */
    private static void hold(Socket s) throws IOException {
        s.setSoTimeout(0);
        InputStream in = s.getInputStream();
        byte[] sink = new byte[1024];
        while (in.read(sink) >= 0) {
            // discard; the client sent its request already
        }
    }
}
