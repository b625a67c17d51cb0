package netoverhead.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One event loop of the embedded server: reads requests straight into each connection's input, lets its
 * {@link Responder} compose the answers to every whole request there (pipelined ones included) into one output
 * buffer, and writes that with one call per turn. The payload file's body follows its head with
 * FileChannel.transferTo (sendfile on Linux) and a large rr body from the shared {@link PatternBuffer}, so that no
 * body passes through the loop's own memory. Answering a request allocates nothing. An idle connection's input
 * (after its hello) is echo frames, which go to its {@link IdleGroup}; the heartbeat writes its frames.
 */
final class ServerLoop implements Runnable {
    /** How long a kept-alive connection may wait for its next request, as nginx's keepalive_timeout. */
    static final long KEEP_ALIVE_IDLE_MILLIS = 120_000;
    private static final long SWEEP_NANOS = 500_000_000L;
    /**
     * What one turn of the loop sends of the payload file on one connection: 256 KiB in one sendfile, as lighttpd
     * does, to each connection the selector finds writable. Each call costs the JDK's transferTo an fstat and a
     * copy_file_range that sockets refuse before its sendfile: 256 KiB slices make a quarter of the system calls
     * that 64 KiB ones do for the same bytes (docs/performance.md, "What the code does for the targets").
     */
    private static final long FILE_SLICE = 256 * 1024;
    /** What one turn sends of a pattern body (a large rr response) on one connection: the pattern's longest slice. */
    private static final long SEND_CHUNK = PatternBuffer.LONGEST_SLICE;
    /** What one turn composes for one connection at most: room for many pipelined answers, and any one whole. */
    private static final int OUT_BYTES = 64 * 1024;

    private final PayloadServer.Config config;
    private final FileChannel payload;
    private final Selector selector;
    private final Queue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
    private final Responder responder;
    private final ByteBuffer out = ByteBuffer.allocateDirect(OUT_BYTES);
    private final ByteBuffer pattern = PatternBuffer.view();
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private final int mostInput;
    private volatile long answered; // written by this loop's thread only
    private volatile boolean running = true;
    private final Consumer<SelectionKey> ready = this::ready; // made once: a method reference is an object each time
    private boolean turnStarted;
    private long turnNow;

    ServerLoop(PayloadServer.Config config, FileChannel payload, IdleGroups idle) throws IOException {
        this.config = config;
        this.payload = payload;
        this.selector = Selector.open();
        this.responder = new Responder(config, idle);
        this.mostInput = config.maxHeadBytes() + 16 * 1024;
    }

    void hand(SocketChannel channel) {
        incoming.add(channel);
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Responses this loop has written whole. */
    long answered() {
        return answered;
    }

    @Override
    public void run() {
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        try {
            while (running) {
                // keys are handed over one by one as the selector finds them ready, not gathered in its set of
                // selected keys, which would allocate an entry for every ready key on every turn
                turnStarted = false;
                selector.select(ready, 250);
                long now = System.nanoTime();
                SocketChannel fresh;
                while ((fresh = incoming.poll()) != null) register(fresh, now);
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

    /** Serves one connection the selector found ready. */
    private void ready(SelectionKey key) {
        if (!turnStarted) {
            turnNow = System.nanoTime(); // once per turn: the time every connection served in it is stamped with
            turnStarted = true;
        }
        ServerConnection c = (ServerConnection) key.attachment();
        try {
            if (key.isValid() && key.isReadable()) readable(key, c, turnNow);
            if (key.isValid() && key.isWritable()) serve(key, c, turnNow);
        } catch (IOException | RuntimeException e) {
            close(key); // a client that resets mid-transfer affects only itself
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

    /** Reads what has arrived behind the unanswered input, and answers what is whole (a read only happens idle). */
    private void readable(SelectionKey key, ServerConnection c, long now) throws IOException {
        if (c.idle != null) {
            echoes(key, c, now);
            return;
        }
        if (!c.roomToRead(mostInput)) {
            close(key); // more unanswered input than any head may be: not a client worth serving
            return;
        }
        boolean headBegins = !c.inputPending();
        ByteBuffer buffer = c.inBuffer;
        buffer.limit(buffer.capacity()).position(c.inLength);
        int n = c.channel.read(buffer);
        if (n < 0) {
            close(key);
            return;
        }
        if (n == 0) return;
        c.inLength += n;
        if (headBegins && c.answeredAny) c.since = now;
        serve(key, c, now);
    }

    /**
     * Reads an idle connection's echoes and hands them to its group, the round trip timed at the read; anything but
     * echoes of its pings closes the connection, as does its end.
     */
    private void echoes(SelectionKey key, ServerConnection c, long now) throws IOException {
        if (!c.roomToRead(mostInput)) {
            close(key);
            return;
        }
        ByteBuffer buffer = c.inBuffer;
        buffer.limit(buffer.capacity()).position(c.inLength);
        int n = c.channel.read(buffer);
        if (n < 0) {
            close(key);
            return;
        }
        c.inLength += n;
        c.since = now;
        // whole frames only, those sent behind the hello included; a partial one waits for the rest
        int taken = c.idle.echoes(c.in, c.inStart, c.inLength, System.nanoTime());
        if (taken < 0) {
            close(key);
        } else {
            c.inStart += taken;
        }
    }

    /**
     * Sends what is pending on {@code c} and the answers to the whole requests in its input, in order, one write per
     * turn while the socket takes everything: stops when the input holds no whole request (the connection waits to
     * read), the socket is full or a body still has slices to go (it waits to write), or the connection is closed.
     */
    private void serve(SelectionKey key, ServerConnection c, long now) throws IOException {
        while (true) {
            out.clear();
            if (c.backlogLength > 0) {
                out.put(c.backlog, 0, c.backlogLength);
                c.backlogLength = 0;
            }
            boolean waiting = responder.compose(c, out);
            out.flip();
            boolean streaming = c.body != ServerConnection.NO_BODY;
            long n = streaming ? sendWithBody(c) : out.hasRemaining() ? c.channel.write(out) : 0;
            if (n > 0) {
                c.since = now;
                answered += c.wrote(n);
            }
            if (out.hasRemaining()) {
                c.keepBacklog(out);
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            if (c.body != ServerConnection.NO_BODY) {
                key.interestOps(SelectionKey.OP_WRITE); // the next slice on the next turn, after the other connections
                return;
            }
            if (c.closeAfter) {
                close(key);
                return;
            }
            if (c.idle != null) {
                c.idle.activate(); // the hello's answer is out: the group's frames may follow it
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
            if (!waiting && !(streaming && c.inputPending())) {
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
        }
    }

    /**
     * Writes the composed bytes in {@code out} and one slice of the body that follows them: a pattern slice in the
     * same call, or the payload file's with sendfile once they are out. The bytes the socket took.
     */
    private long sendWithBody(ServerConnection c) throws IOException {
        long n;
        if (c.body == ServerConnection.PATTERN_BODY) {
            int slice = (int) Math.min(SEND_CHUNK, c.bodyEnd - c.bodyPosition);
            ByteBuffer body = PatternBuffer.slice(pattern, c.bodyPosition, slice);
            int composed = out.remaining();
            if (composed == 0) {
                n = c.channel.write(body);
            } else {
                gather[0] = out;
                gather[1] = body;
                n = c.channel.write(gather);
            }
            c.bodyPosition += n - (composed - out.remaining());
        } else {
            n = out.hasRemaining() ? c.channel.write(out) : 0;
            if (!out.hasRemaining()) {
                long sent = payload.transferTo(c.bodyPosition, Math.min(FILE_SLICE, c.bodyEnd - c.bodyPosition),
                        c.channel);
                c.bodyPosition += sent;
                n += sent;
            }
        }
        if (c.bodyPosition == c.bodyEnd) c.body = ServerConnection.NO_BODY;
        return n;
    }

    /**
     * Closes connections whose head is too slow to arrive (slowloris), whose client stopped reading, or that have
     * waited for their next request longer than a kept-alive connection may. An idle connection waits as long as
     * its group runs: after its end it may wait as a kept-alive one.
     */
    private void sweep(long now) {
        long headLimit = config.headerTimeoutMillis() * 1_000_000L;
        long sendLimit = config.sendTimeoutMillis() * 1_000_000L;
        long idleLimit = KEEP_ALIVE_IDLE_MILLIS * 1_000_000L;
        for (SelectionKey key : selector.keys()) {
            ServerConnection c = (ServerConnection) key.attachment();
            if (c == null || c.idle != null && c.idle.waiting()) continue;
            long limit = c.outputPending() ? sendLimit : c.inputPending() || !c.answeredAny ? headLimit : idleLimit;
            if (now - c.since > limit) close(key);
        }
    }

    private static void close(SelectionKey key) {
        key.cancel();
        if (key.attachment() instanceof ServerConnection c && c.idle != null) c.idle.leave();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // the connection is over either way
        }
    }
}
