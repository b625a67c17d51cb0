package netoverhead.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import netoverhead.http.ResponseHead;
import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;

/**
 * The probe before an rr run: asks for the path twice on one kept-alive connection, as an rr connection does, and
 * returns the size of the body the server sends there. Anything that rr cannot measure is refused in one line: a
 * server that closes the connection after a response, one whose body ends only when it closes, an answer other
 * than 200, two answers of different sizes, silence for the read timeout.
 */
public final class RrProbe {
    private RrProbe() {}

    /**
     * @return the body size of the response at {@code path}
     * @throws IOException whose message is one line for the user: why rr cannot run against this server
     */
    public static long probe(String host, int port, String path, int connectTimeoutMs, int readTimeoutMs)
            throws IOException {
        String where = "the server at " + host + ":" + port;
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            } catch (SocketTimeoutException e) {
                throw new IOException(where + " does not answer: no answer to a connect within "
                        + HttpProbe.duration(connectTimeoutMs) + " (--connect-timeout)");
            } catch (IOException | RuntimeException e) {
                throw new IOException(where + " does not answer: " + e.getMessage());
            }
            socket.setSoTimeout(readTimeoutMs);
            Exchange exchange = new Exchange(socket, host, port, path, where, readTimeoutMs);
            long first = exchange.ask(false);
            long second = exchange.ask(true);
            if (first != second) {
                throw new IOException(where + " answers GET " + path + " with " + first + " bytes, then " + second
                        + " bytes; rr needs the same response each time");
            }
            return first;
        }
    }

    /** One connection's requests, each answered before the next is sent. */
    private record Exchange(Socket socket, String host, int port, String path, String where, int readTimeoutMs) {
        private String closes() {
            return where + " closes the connection after each response (Connection: close); rr needs keep-alive";
        }

        /** Sends one GET and reads its answer whole: the body's size. {@code again}: a response came before. */
        long ask(boolean again) throws IOException {
            String hostHeader = host.contains(":") ? "[" + host + "]" : host;
            byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + ":" + port
                    + "\r\nUser-Agent: netoverhead-probe\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            String raw;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                raw = HttpProbe.readHead(socket.getInputStream());
            } catch (SocketTimeoutException e) {
                throw new IOException(where + " sent nothing for " + HttpProbe.duration(readTimeoutMs)
                        + " (--read-timeout) in answer to GET " + path);
            } catch (IOException e) {
                if (again) throw new IOException(closes()); // reset, or a broken pipe, after the first response
                throw new IOException(where + " does not answer HTTP: " + e.getMessage());
            }
            if (raw.isEmpty()) {
                if (again) throw new IOException(closes());
                throw new IOException(where + " closed the connection without answering GET " + path);
            }
            ResponseHead head;
            try {
                head = ResponseHead.parse(raw);
            } catch (IllegalArgumentException e) {
                throw new IOException(where + " does not answer HTTP: " + e.getMessage());
            }
            if (head.status() != 200) {
                throw new IOException(where + " answers GET " + path + " with " + head.statusText()
                        + (head.redirect() && head.location() != null ? " to " + head.location() : "")
                        + "; rr needs a 200 response there");
            }
            if (!head.chunked() && head.contentLength() < 0) {
                throw new IOException(where + " answers GET " + path + " without Content-Length or chunked framing "
                        + "(its body ends when it closes the connection); rr needs one of them");
            }
            long size = body(raw);
            if (closesAfter(raw)) throw new IOException(closes());
            return size;
        }

        /** Reads the body that follows the head {@code raw}, as the clients frame it, and counts its bytes. */
        private long body(String raw) throws IOException {
            ResponseParser parser = new ResponseParser();
            byte[] buffer = new byte[64 * 1024];
            try {
                byte[] head = raw.getBytes(StandardCharsets.ISO_8859_1);
                boolean complete = parser.feed(head, 0, head.length);
                InputStream in = socket.getInputStream();
                while (!complete) {
                    long left = parser.contentLength() >= 0 ? parser.contentLength() - parser.bodyBytes() : buffer.length;
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        parser.endOfStream();
                        break;
                    }
                    complete = parser.feed(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new IOException(where + " sent nothing for " + HttpProbe.duration(readTimeoutMs)
                        + " (--read-timeout) in its answer to GET " + path + ", after " + parser.bodyBytes()
                        + " body bytes");
            } catch (JobFailure e) {
                throw new IOException(where + " sent a broken answer to GET " + path + ": " + e.getMessage());
            }
            return parser.bodyBytes();
        }
    }

    /**
     * Whether a response head says that the connection ends after it: {@code Connection: close}, or an HTTP/1.0
     * answer that does not say keep-alive.
     */
    static boolean closesAfter(String rawHead) {
        boolean close = false;
        boolean keepAlive = false;
        String[] lines = rawHead.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || !lines[i].substring(0, colon).trim().equalsIgnoreCase("connection")) continue;
            for (String option : lines[i].substring(colon + 1).split(",")) {
                String o = option.trim().toLowerCase(Locale.ROOT);
                close |= o.equals("close");
                keepAlive |= o.equals("keep-alive");
            }
        }
        return close || (lines[0].startsWith("HTTP/1.0") && !keepAlive);
    }
}
