package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.workload.Conversation;
import netoverhead.workload.Workload;

/**
 * One event loop over non-blocking SocketChannels and one Selector, as the Haiku suite's poll() client: jobs are
 * set up one after another, then a single thread waits for readiness, reads each ready socket once into one
 * shared buffer and hands the bytes to the connection's conversation. After every read or write it asks the
 * conversation what it sends next: a request due now goes out in the same turn, one due later (open loop) waits
 * on the loop's send timers, whose earliest time bounds the select. Used by the poll model directly and by
 * multi-loop models once per loop.
 */
public final class SelectorLoop implements AutoCloseable {
    private static final long SCAN_INTERVAL_NANOS = 100_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Selector selector;
    private final ClientPlan plan;
    private final Workload workload;
    private final long origin;
    private final long readTimeoutNanos;
    private final ByteBuffer readBuffer;
    private final InetSocketAddress address;
    private final SendTimers timers = new SendTimers();
    /** Made once: select() takes it on every wake-up. */
    private final Consumer<SelectionKey> onReady = this::handle;
    private int active;

    public SelectorLoop(ClientPlan plan, Workload workload) throws IOException {
        this.selector = Selector.open();
        this.plan = plan;
        this.workload = workload;
        this.origin = workload.origin();
        this.readTimeoutNanos = plan.readTimeoutNanos();
        this.readBuffer = ByteBuffer.allocateDirect(plan.bufferSize());
        this.address = plan.address();
    }

    /**
     * Creates the job's socket and starts its connect, stamping socket creation and job setup (conversation
     * opened, socket made non-blocking, connect started, registered). Call from the thread that sets jobs up,
     * before {@link #run()}.
     */
    public void setUp(JobRecord record) {
        SocketChannel channel = TimedSocket.open(record, origin);
        if (channel == null) return;
        long created = TimedSocket.createdAt(record, origin);
        Conversation conversation = null;
        try {
            conversation = workload.open(record);
            channel.configureBlocking(false);
            boolean connected = channel.connect(address);
            LoopConnection c = new LoopConnection(channel, record, conversation, created + plan.connectTimeoutNanos());
            if (connected) conversation.connected(System.nanoTime());
            // a connection made at once waits to be writable, as one made later does after finishConnect
            c.writing = connected;
            c.interest = connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT;
            c.key = channel.register(selector, c.interest, c);
            active++;
            record.setupNs = System.nanoTime() - created;
        } catch (IOException | RuntimeException e) {
            record.fail(e);
            if (conversation != null) {
                conversation.end(System.nanoTime());
            } else {
                record.endAt = System.nanoTime() - origin;
            }
            TimedSocket.close(channel);
        }
    }

    /** Runs until every job set up on this loop has ended. */
    public void run() throws IOException {
        long now = System.nanoTime();
        long nextScan = now + SCAN_INTERVAL_NANOS;
        while (active > 0) {
            long wait = Math.min(nextScan, timers.earliest()) - now;
            // the action form of select hands each ready key over directly: no selected-key set to fill,
            // iterate and clear on every wake-up. Its timeout is in milliseconds, rounded up so that a wake-up
            // never comes before a send time: an open-loop send goes out up to a millisecond late, and its
            // latency, counted from the intended time, says so.
            if (wait <= 0) {
                selector.selectNow(onReady);
            } else {
                selector.select(onReady, (wait + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
            }
            now = System.nanoTime();
            if (timers.earliest() <= now) {
                sendDue(now);
                now = System.nanoTime();
            }
            if (now - nextScan > 0) {
                expire(now);
                nextScan = now + SCAN_INTERVAL_NANOS;
            }
        }
    }

    private void handle(SelectionKey key) {
        LoopConnection c = (LoopConnection) key.attachment();
        try {
            if (c.ended || !key.isValid()) return;
            if (key.isConnectable()) {
                if (!c.channel.finishConnect()) return;
                long now = System.nanoTime();
                c.conversation.connected(now);
                c.deadline = now + readTimeoutNanos;
                // the socket is almost always writable now: the first request goes out at once
                advance(c, now);
            } else if (c.writing) {
                if (key.isWritable()) advance(c, System.nanoTime());
            } else if (key.isReadable()) {
                ByteBuffer buffer = readBuffer;
                buffer.clear();
                int n = c.channel.read(buffer);
                long now = System.nanoTime();
                if (n < 0) {
                    c.conversation.endOfStream(now);
                    finish(c);
                } else if (n > 0) {
                    c.deadline = now + readTimeoutNanos;
                    buffer.flip();
                    if (c.conversation.received(buffer, now)) {
                        finish(c);
                    } else {
                        // a response in may free a place in the pipeline: the next request goes out in this turn
                        advance(c, now);
                    }
                }
            }
        } catch (Throwable t) {
            fail(c, t);
        }
    }

    /**
     * Writes whatever the conversation has due, then waits for what comes next: the rest of an incomplete
     * write (OP_WRITE), a response (OP_READ), the connection's next send time (a send timer), or nothing, when
     * the conversation is done and the job ends.
     */
    private void advance(LoopConnection c, long now) throws IOException {
        Conversation conversation = c.conversation;
        while (true) {
            long due = conversation.nextSendAt(now);
            if (conversation.done()) {
                finish(c);
                return;
            }
            if (due > now) {
                if (due != Conversation.NEVER) timers.schedule(c, due);
                break;
            }
            ByteBuffer out = conversation.outgoing(now);
            if (!out.hasRemaining()) break;
            c.channel.write(out);
            now = System.nanoTime();
            conversation.wrote(now);
            c.deadline = now + readTimeoutNanos;
            if (out.hasRemaining()) {
                c.writing = true;
                interest(c, SelectionKey.OP_WRITE);
                return;
            }
        }
        c.writing = false;
        interest(c, conversation.awaitingResponse() ? SelectionKey.OP_READ : 0);
    }

    /** Changes what the selector watches the connection for, only when it changes. */
    private static void interest(LoopConnection c, int ops) {
        if (c.interest != ops) {
            c.key.interestOps(ops);
            c.interest = ops;
        }
    }

    /** Drives every connection whose send timer has come; one that is mid-write waits for OP_WRITE instead. */
    private void sendDue(long now) {
        LoopConnection c;
        while ((c = timers.takeDue(now)) != null) {
            if (c.ended || c.writing) continue;
            try {
                advance(c, now);
            } catch (Throwable t) {
                fail(c, t);
            }
        }
    }

    /**
     * Fails every job past its deadline: the connect's until connected, then the read timeout, which runs
     * only while a write is incomplete or a response is awaited, not while a connection waits for its next
     * send time.
     */
    private void expire(long now) {
        for (SelectionKey key : selector.keys()) {
            LoopConnection c = (LoopConnection) key.attachment();
            if (c.ended || now - c.deadline <= 0) continue;
            boolean connected = c.record.connectedAt >= 0;
            if (connected && !c.writing && !c.conversation.awaitingResponse()) continue;
            c.record.fail(connected ? JobFailure.readTimeout(plan.readTimeoutMs(), c.conversation.bodyBytes())
                    : JobFailure.connectTimeout(plan.connectTimeoutMs()));
            finish(c);
        }
    }

    private void fail(LoopConnection c, Throwable t) {
        if (c.ended) return;
        c.record.fail(t, c.conversation.whereNow());
        finish(c);
    }

    private void finish(LoopConnection c) {
        c.ended = true;
        c.conversation.end(System.nanoTime());
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
