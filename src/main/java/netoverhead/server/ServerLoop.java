package netoverhead.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One event loop of the embedded server: reads request heads, answers them, and sends the payload with
 * FileChannel.transferTo (sendfile on Linux) so that the body never passes through user space.
 */
final class ServerLoop implements Runnable {
    private static final long SWEEP_NANOS = 500_000_000L;
    /**
     * What one turn of the loop sends on one connection: 64 KiB, the most loopback puts in one segment
     * (gso_max_size). Each call hands TCP one segment, and every connection is topped up in small, even steps
     * while its socket buffer has room, as lighttpd does. Larger sends fill one connection's buffer while the
     * others wait, and leave the client idle between bursts: on a virtual machine each wake-up of a client
     * thread is then an interrupt to a halted virtual CPU, paid for on the server's CPU, which costs several
     * times the server CPU per GiB. Each call costs the JDK's transferTo an fstat and a copy_file_range that
     * sockets refuse before its sendfile.
     */
    private static final long SEND_CHUNK = 64 * 1024;

    private final PayloadServer.Config config;
    private final FileChannel payload;
    private final Selector selector;
    private final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
    private volatile boolean running = true;

    ServerLoop(PayloadServer.Config config, FileChannel payload) throws IOException {
        this.config = config;
        this.payload = payload;
        this.selector = Selector.open();
    }

    void hand(SocketChannel channel) {
        incoming.add(channel);
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    @Override
    public void run() {
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        try {
            while (running) {
                selector.select(250);
                long now = System.nanoTime();
                SocketChannel fresh;
                while ((fresh = incoming.poll()) != null) register(fresh, now);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    ServerConnection c = (ServerConnection) key.attachment();
                    try {
                        if (key.isValid() && key.isReadable()) readable(key, c, now);
                        if (key.isValid() && key.isWritable()) serve(key, c, now);
                    } catch (IOException | RuntimeException e) {
                        close(key); // a client that resets mid-transfer affects only itself
                    }
                }
                if (now - nextSweep > 0) {
                    sweep(now);
                    nextSweep = now + SWEEP_NANOS;
                }
            }
        } catch (IOException e) {
            System.err.println("netoverhead serve: event loop failed: " + e.getMessage());
        } finally {
            for (SelectionKey key : selector.keys()) close(key);
            try {
                payload.close();
                selector.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }

    private void register(SocketChannel channel, long now) {
        try {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new ServerConnection(channel, now));
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // never registered
            }
        }
    }

    private void readable(SelectionKey key, ServerConnection c, long now) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            close(key);
            return;
        }
        if (!append(c, readBuffer.array(), n)) {
            close(key); // more unanswered input than any head may be: not a client worth serving
            return;
        }
        if (c.head == null) serve(key, c, now); // else pipelined: answered once this response is out
    }

    /**
     * Answers the requests buffered on {@code c} one after another (pipelining), sending each response as far as
     * the socket takes it: stops when the input holds no whole request, the socket is full (the rest goes when
     * it is writable again), or the connection is closed.
     */
    private void serve(SelectionKey key, ServerConnection c, long now) throws IOException {
        while (key.isValid()) {
            if (c.head == null && (c.inLength == 0 || !startNext(key, c, now))) return;
            if (!send(key, c, now)) return;
        }
    }

    private boolean append(ServerConnection c, byte[] bytes, int n) {
        if (c.inLength + n > config.maxHeadBytes() + readBuffer.capacity()) return false;
        if (c.inLength + n > c.in.length) {
            c.in = java.util.Arrays.copyOf(c.in, Math.max(c.in.length * 2, c.inLength + n));
        }
        System.arraycopy(bytes, 0, c.in, c.inLength, n);
        c.inLength += n;
        return true;
    }

    /**
     * Starts the response to the request whose head is complete in the input, or the refusal of an oversized
     * one; false when the input holds no whole request yet.
     */
    private boolean startNext(SelectionKey key, ServerConnection c, long now) {
        if (!RequestHead.methodCanStart(c.in, c.inLength)) {
            // binary garbage (a TLS handshake, say) is refused at once, not after the header timeout
            refuse(key, c, RequestHead.refuse(400, "malformed request line"), now);
            return true;
        }
        int end = RequestHead.headEnd(c.in, c.inLength);
        if (end < 0) {
            int lineEnd = RequestHead.indexOf(c.in, c.inLength, (byte) '\n');
            if (lineEnd < 0 && c.inLength > config.maxRequestLineBytes()) {
                refuse(key, c, RequestHead.refuse(414, "request line too long"), now);
                return true;
            } else if (c.inLength > config.maxHeadBytes()) {
                refuse(key, c, RequestHead.refuse(431, "request headers too large"), now);
                return true;
            }
            return false;
        }
        if (RequestHead.indexOf(c.in, Math.min(end, c.inLength), (byte) '\n') > config.maxRequestLineBytes()) {
            refuse(key, c, RequestHead.refuse(414, "request line too long"), now);
            return true;
        }
        if (end > config.maxHeadBytes()) {
            refuse(key, c, RequestHead.refuse(431, "request headers too large"), now);
            return true;
        }
        RequestHead request = RequestHead.parse(c.in, end);
        System.arraycopy(c.in, end, c.in, 0, c.inLength - end);
        c.inLength -= end;
        c.http11 = request.http11();
        if (request.refused()) {
            refuse(key, c, request, now);
        } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            c.beginShort(405, "Method Not Allowed", "only GET and HEAD\n", false, true, now);
        } else if (!request.path().equals(config.path())) {
            c.beginShort(404, "Not Found", "not found\n", request.keepAlive(), !request.method().equals("HEAD"), now);
        } else {
            boolean head = request.method().equals("HEAD");
            c.beginPayload(config.payloadBytes(), head ? 0 : config.payloadBytes(), request.keepAlive(), now);
        }
        key.interestOps(SelectionKey.OP_WRITE);
        return true;
    }

    private void refuse(SelectionKey key, ServerConnection c, RequestHead refusal, long now) {
        String reason = switch (refusal.refusal()) {
            case 400 -> "Bad Request";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 505 -> "HTTP Version Not Supported";
            default -> "Error";
        };
        c.inLength = 0;
        c.beginShort(refusal.refusal(), reason, refusal.why() + "\n", false, true, now);
        key.interestOps(SelectionKey.OP_WRITE);
    }

    /**
     * Sends what the socket takes of the response under way: true when it is out and the connection stays
     * open for the next request, false while more remains (OP_WRITE stays on) or once the connection is closed.
     */
    private boolean send(SelectionKey key, ServerConnection c, long now) throws IOException {
        if (c.head == null) return false;
        if (c.head.hasRemaining()) {
            c.channel.write(c.head);
            if (c.head.hasRemaining()) return false;
            c.since = now;
        }
        if (c.bodyPosition < c.bodyEnd) {
            // One bounded chunk per connection per turn of the loop, as lighttpd does: every connection is
            // topped up in turn while its socket buffer still has room, instead of one connection's buffer
            // being filled to the brim while the others wait.
            long sent = payload.transferTo(c.bodyPosition, Math.min(SEND_CHUNK, c.bodyEnd - c.bodyPosition),
                    c.channel);
            if (sent > 0) {
                c.bodyPosition += sent;
                c.since = now;
            }
            if (c.bodyPosition < c.bodyEnd) return false; // OP_WRITE stays on: the next turn sends the next chunk
        }
        c.head = null;
        if (!c.keepAlive) {
            close(key);
            return false;
        }
        key.interestOps(SelectionKey.OP_READ);
        c.since = now;
        return true;
    }

    /** Closes connections whose head is too slow to arrive (slowloris) or whose client stopped reading. */
    private void sweep(long now) {
        long headLimit = config.headerTimeoutMillis() * 1_000_000L;
        long sendLimit = config.sendTimeoutMillis() * 1_000_000L;
        for (SelectionKey key : selector.keys()) {
            ServerConnection c = (ServerConnection) key.attachment();
            if (c == null) continue;
            long limit = c.head == null ? headLimit : sendLimit;
            if (now - c.since > limit) close(key);
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // the connection is over either way
        }
    }
}
