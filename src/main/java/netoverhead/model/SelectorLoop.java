package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One event loop over non-blocking SocketChannels and one Selector, as the Haiku suite's poll() client: jobs are
 * set up one after another, then a single thread waits for readiness and reads each ready socket once into
 * one shared buffer. Used by the poll model directly and by multi-loop models once per loop.
 */
public final class SelectorLoop implements AutoCloseable {
    private static final long SCAN_INTERVAL_NANOS = 100_000_000L;

    /** A job's connection state, attached to its selection key. */
    private static final class Connection {
        final SocketChannel channel;
        final JobRecord record;
        final ResponseParser parser;
        final ByteBuffer request;
        long deadline;

        Connection(SocketChannel channel, JobRecord record, ResponseParser parser, ByteBuffer request, long deadline) {
            this.channel = channel;
            this.record = record;
            this.parser = parser;
            this.request = request;
            this.deadline = deadline;
        }
    }

    private final Selector selector;
    private final ClientPlan plan;
    private final long origin;
    private final ByteBuffer readBuffer;
    private final byte[] request;
    private final InetSocketAddress address;
    private int active;

    public SelectorLoop(ClientPlan plan, long origin) throws IOException {
        this.selector = Selector.open();
        this.plan = plan;
        this.origin = origin;
        this.readBuffer = ByteBuffer.allocateDirect(plan.bufferSize());
        this.request = plan.request();
        this.address = plan.address();
    }

    /**
     * Creates the job's socket and starts its connect, stamping socket creation and job setup (socket made
     * non-blocking, connect started, registered). Call from the thread that sets jobs up, before {@link #run()}.
     */
    public void setUp(JobRecord record) {
        SocketChannel channel = TimedSocket.open(record, origin);
        if (channel == null) return;
        long created = TimedSocket.createdAt(record, origin);
        try {
            channel.configureBlocking(false);
            boolean connected = channel.connect(address);
            Connection c = new Connection(channel, record, plan.newParser(), ByteBuffer.wrap(request),
                    created + plan.connectTimeoutNanos());
            if (connected) record.connectedAt = System.nanoTime() - origin;
            channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, c);
            active++;
            record.setupNs = System.nanoTime() - created;
        } catch (IOException | RuntimeException e) {
            record.fail(e);
            record.endAt = System.nanoTime() - origin;
            TimedSocket.close(channel);
        }
    }

    /** Runs until every job set up on this loop has ended. */
    public void run() throws IOException {
        long nextScan = System.nanoTime() + SCAN_INTERVAL_NANOS;
        while (active > 0) {
            // the action form of select hands each ready key over directly: no selected-key set to fill,
            // iterate and clear on every wake-up
            selector.select(key -> handle(key, (Connection) key.attachment(), System.nanoTime()), 100);
            long now = System.nanoTime();
            if (now - nextScan > 0) {
                expire(now);
                nextScan = now + SCAN_INTERVAL_NANOS;
            }
        }
    }


    private void handle(SelectionKey key, Connection c, long now) {
        try {
            if (!key.isValid()) return;
            if (key.isConnectable()) {
                if (!c.channel.finishConnect()) return;
                c.record.connectedAt = System.nanoTime() - origin;
                c.deadline = now + plan.readTimeoutNanos();
                key.interestOps(SelectionKey.OP_WRITE);
                // fall through to writing right away: the socket is almost always writable now
            }
            if (key.isWritable() || key.interestOps() == SelectionKey.OP_WRITE) {
                c.channel.write(c.request);
                if (c.request.hasRemaining()) return;
                c.record.requestSentAt = System.nanoTime() - origin;
                c.deadline = now + plan.readTimeoutNanos();
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
            if (key.isReadable()) {
                ByteBuffer buffer = readBuffer;
                buffer.clear();
                int n = c.channel.read(buffer);
                if (n < 0) {
                    c.parser.endOfStream();
                    finish(c);
                } else if (n > 0) {
                    c.deadline = now + plan.readTimeoutNanos();
                    buffer.flip();
                    if (c.parser.feed(buffer)) finish(c);
                }
            }
        } catch (Throwable t) {
            c.record.fail(t, c.parser.whereNow());
            finish(c);
        }
    }

    private void expire(long now) {
        for (SelectionKey key : selector.keys()) {
            Connection c = (Connection) key.attachment();
            if (key.isValid() && now - c.deadline > 0) {
                c.record.fail(c.record.connectedAt < 0 ? JobFailure.connectTimeout(plan.connectTimeoutMs())
                        : JobFailure.readTimeout(plan.readTimeoutMs(), c.parser.bodyBytes()));
                finish(c);
            }
        }
    }

    private void finish(Connection c) {
        c.parser.endJob(c.record, origin);
        TimedSocket.close(c.channel);
        active--;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } catch (ClosedSelectorException ignored) {
            // already closed
        }
    }
}
