package netoverhead.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import netoverhead.http.ResponseHead;

/**
 * Asks a server one request and reads its answer's head: is anything there, does it serve the path, how large is
 * the payload. {@link PayloadProbe} builds the probe before a run from these exchanges.
 */
public final class HttpProbe {
    /** What a HEAD request learned; status -1 when nothing answered, content length -1 when the head gives none. */
    public record Result(int status, long contentLength, String server, String error) {
        public boolean answered() {
            return status > 0;
        }
    }

    /**
     * One request on a connection of its own, its answer's head read: the body, if any, comes next from
     * {@link #in()}. Closing closes the connection.
     */
    record Exchange(Socket socket, ResponseHead head, String rawHead, InputStream in) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final int MAX_HEAD = 64 * 1024;

    private HttpProbe() {}

    public static boolean listening(String host, int port, int timeoutMillis) {
        return connectProblem(host, port, timeoutMillis) == null;
    }

    /** Null when a connection to host:port succeeds within the timeout, else what happened instead. */
    static String connectProblem(String host, int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return null;
        } catch (SocketTimeoutException e) {
            return "no answer to a connect within " + duration(timeoutMillis) + " (--connect-timeout)";
        } catch (ConnectException e) {
            return "connection refused";
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    public static Result head(String host, int port, String path, int timeoutMillis) {
        try (Exchange e = exchange(host, port, "HEAD", path, timeoutMillis, timeoutMillis)) {
            ResponseHead head = e.head();
            return new Result(head.status(), head.lengthKnown() ? head.contentLength() : -1, head.server(), null);
        } catch (IOException e) {
            return new Result(-1, -1, null, e.getMessage());
        }
    }

    /**
     * Connects within {@code connectMillis}, sends {@code method path} asking the server to close afterwards, and
     * reads the answer's head, waiting at most {@code readMillis} for each piece of it.
     *
     * @throws IOException with a message that says what went wrong, in words for the user
     */
    static Exchange exchange(String host, int port, String method, String path, int connectMillis, int readMillis)
            throws IOException {
        Socket s = new Socket();
        try {
            try {
                s.connect(new InetSocketAddress(host, port), connectMillis);
            } catch (SocketTimeoutException e) {
                throw new IOException("no answer to a connect within " + duration(connectMillis)
                        + " (--connect-timeout)");
            }
            s.setSoTimeout(readMillis);
            String hostHeader = host.contains(":") ? "[" + host + "]" : host;
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + ":" + port
                    + "\r\nUser-Agent: netoverhead-probe\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String raw;
            try {
                raw = readHead(in);
            } catch (SocketTimeoutException e) {
                throw new IOException("no answer to " + method + " " + path + " within " + duration(readMillis)
                        + " (--read-timeout)");
            }
            if (raw.isEmpty()) throw new IOException("it closed the connection without answering " + method + " " + path);
            try {
                return new Exchange(s, ResponseHead.parse(raw), raw, in);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        } catch (IOException e) {
            s.close();
            throw e;
        } catch (RuntimeException e) {
            s.close();
            throw new IOException(e.getMessage(), e); // an unresolved address, a port out of range
        }
    }

    /** "700 ms", "30 s". */
    static String duration(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Reads up to and with the empty line that ends a head, byte by byte so that nothing of the body is taken. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while (sb.length() < MAX_HEAD && (b = in.read()) >= 0) {
            sb.append((char) b);
            int n = sb.length();
            if (n >= 4 && sb.charAt(n - 1) == '\n' && sb.charAt(n - 2) == '\r' && sb.charAt(n - 3) == '\n') break;
            if (n >= 2 && sb.charAt(n - 1) == '\n' && sb.charAt(n - 2) == '\n') break;
        }
        return sb.toString();
    }
}
