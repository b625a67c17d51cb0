package netoverhead.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The response heads of the embedded server, written straight into an output buffer from prebuilt bytes: all of a
 * head but its Content-Length digits is fixed per status and connection option, so that answering a request
 * allocates nothing.
 */
final class ResponseHeads {
    static final byte[] OK = statusPrefix("200 OK");
    /** The whole answer to an idle hello: no length, its body is the frames until the server ends them. */
    static final byte[] IDLE_OK = ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + "Cache-Control: no-store\r\n\r\n");

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CLOSE = ascii("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] NOTHING = new byte[0];

    private ResponseHeads() {}

    /** The head up to the Content-Length value: "HTTP/1.1 404 Not Found\r\n...Content-Length: ". */
    static byte[] statusPrefix(String status) {
        return ascii("HTTP/1.1 " + status + "\r\n"
                + "Server: netoverhead\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Length: ");
    }

    /** How many bytes {@link #put} writes. */
    static int length(byte[] prefix, long contentLength, boolean keepAlive, boolean http11) {
        return prefix.length + digits(contentLength) + CRLF.length + connection(keepAlive, http11).length + CRLF.length;
    }

    /**
     * Writes a head into {@code out}. HTTP/1.1 keeps the connection by default, so only a close is said; HTTP/1.0
     * closes by default, so a kept connection is said ("Connection: keep-alive"), or a client such as ab -k waits for
     * a close that never comes.
     */
    static void put(ByteBuffer out, byte[] prefix, long contentLength, boolean keepAlive, boolean http11) {
        out.put(prefix);
        int digits = digits(contentLength);
        int at = out.position();
        long rest = contentLength;
        for (int i = digits - 1; i >= 0; i--) {
            out.put(at + i, (byte) ('0' + rest % 10));
            rest /= 10;
        }
        out.position(at + digits);
        out.put(CRLF).put(connection(keepAlive, http11)).put(CRLF);
    }

    private static byte[] connection(boolean keepAlive, boolean http11) {
        return !keepAlive ? CLOSE : http11 ? NOTHING : KEEP_ALIVE;
    }

    private static int digits(long value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
