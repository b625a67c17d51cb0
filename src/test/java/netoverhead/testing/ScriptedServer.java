package netoverhead.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that answers every request with the same bytes and closes, or, when silent, reads the
 * request and never answers: for the responses a real payload server never sends (chunked, truncated,
 * malformed, a stall).
 */
public final class ScriptedServer implements AutoCloseable {
    private final ServerSocket listener;
    private final byte[] response;
    private final boolean silent;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private ScriptedServer(byte[] response, boolean silent) throws IOException {
        this.listener = new ServerSocket();
        this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.response = response;
        this.silent = silent;
        this.acceptor = Thread.ofPlatform().daemon().name("scripted-server").start(this::accept);
    }

    public static ScriptedServer answering(String response) throws IOException {
        return new ScriptedServer(response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false);
    }

    public static ScriptedServer answering(byte[] response) throws IOException {
        return new ScriptedServer(response, false);
    }

    public static ScriptedServer silent() throws IOException {
        return new ScriptedServer(new byte[0], true);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                open.add(s);
                Thread.ofPlatform().daemon().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try {
            s.setSoTimeout(10_000);
            readHead(s.getInputStream());
            if (silent) return; // keep the connection open and say nothing until the test closes us
            s.getOutputStream().write(response);
            s.getOutputStream().flush();
            s.close();
        } catch (IOException ignored) {
            // the client went away; the test judges what it saw
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int last4 = 0;
        for (int total = 0; total < 65536; total++) {
            int b = in.read();
            if (b < 0) return;
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) return;
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) s.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
