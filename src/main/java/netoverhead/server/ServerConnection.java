package netoverhead.server;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One client connection of the embedded server: the request bytes read so far, or the response under way (its
 * head, then the payload's range to send). A response begins here; {@link ServerLoop} sends it.
 */
final class ServerConnection {
    final SocketChannel channel;
    byte[] in = new byte[1024];
    int inLength;
    ByteBuffer head;          // response head being sent, null while reading
    long bodyPosition;
    long bodyEnd;
    boolean keepAlive;
    boolean http11;           // of the request being answered: an HTTP/1.0 keep-alive is said in the answer
    long since;               // when the current head started, or the current send last made progress

    ServerConnection(SocketChannel channel, long now) {
        this.channel = channel;
        this.since = now;
    }

    /**
     * Begins a response of the payload's range [0, bodyEnd): bodyEnd is the length for a GET and 0 for a HEAD.
     */
    void beginPayload(long length, long bodyEnd, boolean keepAlive, long now) {
        beginHead("200 OK", length, keepAlive, now);
        bodyPosition = 0;
        this.bodyEnd = bodyEnd;
    }

    /** Begins a short answer; {@code withBody} false answers a HEAD: the length of the body, but not the body. */
    void beginShort(int status, String reason, String body, boolean keepAlive, boolean withBody, long now) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        beginHead(status + " " + reason, bytes.length, keepAlive, now);
        int sent = withBody ? bytes.length : 0;
        head = ByteBuffer.allocate(head.remaining() + sent).put(head).put(bytes, 0, sent).flip();
        bodyPosition = 0;
        bodyEnd = 0;
    }

    /**
     * HTTP/1.1 keeps the connection by default, so only a close is said; HTTP/1.0 closes by default, so a kept
     * connection is said ("Connection: keep-alive"), or a client such as ab -k waits for a close that never comes.
     */
    private void beginHead(String status, long length, boolean keepAlive, long now) {
        String connection = !keepAlive ? "Connection: close\r\n" : http11 ? "" : "Connection: keep-alive\r\n";
        String text = "HTTP/1.1 " + status + "\r\n"
                + "Server: netoverhead\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Length: " + length + "\r\n"
                + connection
                + "\r\n";
        head = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        this.keepAlive = keepAlive;
        since = now;
    }
}
