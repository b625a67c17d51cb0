package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
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
 * on the loop's send timers, whose earliest time bounds the select. When a conversation is done and asks to
 * reconnect (churn), the job's next socket is connected and registered on the same loop. Connections that wait
 * with no read timeout (idle) are neither scanned for expiry nor woken for it: a loop of only such connections
 * waits for readiness alone. Used by the poll model directly and by multi-loop models once per loop.
 */
public final class SelectorLoop implements AutoCloseable {
    private static final long SCAN_INTERVAL_NANOS = 100_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** Below half a millisecond a timed wait parks instead of selecting: see {@link #run()}. */
    private static final long PARK_BELOW_NANOS = NANOS_PER_MILLI / 2;

    private final Selector selector;
    private final ClientPlan plan;
    private final Workload workload;
    private final long origin;
    private final long readTimeoutNanos;
    private final long connectTimeoutNanos;
    private final ByteBuffer readBuffer;
    private final InetSocketAddress address;
    private final SendTimers timers = new SendTimers();
    /** Made once: select() takes it on every wake-up. */
    private final Consumer<SelectionKey> onReady = this::handle;
    private int active;
    /** Connections with a deadline (LoopConnection.watched): the loop scans for expired ones only while any are. */
    private int watched;

    public SelectorLoop(ClientPlan plan, Workload workload) throws IOException {
        this.selector = Selector.open();
        this.plan = plan;
        this.workload = workload;
        this.origin = workload.origin();
        this.readTimeoutNanos = plan.readTimeoutNanos();
        this.connectTimeoutNanos = plan.connectTimeoutNanos();
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
        LoopConnection c = null;
        try {
            c = new LoopConnection(channel, record, workload.open(record), created + connectTimeoutNanos);
            active++;
            connect(c, created);
            record.setupNs = System.nanoTime() - created;
        } catch (IOException | RuntimeException e) {
            record.fail(e);
            if (c != null) {
                finish(c);
            } else {
                record.endAt = System.nanoTime() - origin;
                TimedSocket.close(channel);
            }
        }
    }

    /**
     * Starts the connect of the connection's current socket, created at {@code created}, and registers it: for
     * OP_CONNECT, or, when the connect completes at once, for OP_WRITE, as a connection made later waits to be
     * writable after finishConnect.
     */
    private void connect(LoopConnection c, long created) throws IOException {
        c.conversation.connecting(created);
        c.channel.configureBlocking(false);
        c.connecting = true;
        watch(c);
        c.deadline = created + connectTimeoutNanos;
        boolean connected = c.channel.connect(address);
        if (connected) established(c, System.nanoTime());
        c.writing = connected;
        c.interest = connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT;
        c.key = c.channel.register(selector, c.interest, c);
    }

    /** The connect is done: the read timeout applies from now on, unless the conversation waits without one. */
    private void established(LoopConnection c, long now) {
        c.connecting = false;
        c.conversation.connected(now);
        if (c.conversation.readTimeoutApplies()) {
            c.deadline = now + readTimeoutNanos;
        } else {
            unwatch(c);
        }
    }

    /**
     * The conversation is done: for churn, the job's next connection on a new socket, registered on this loop
     * (closing the old one cancels its key); otherwise the job ends.
     */
    private void over(LoopConnection c) throws IOException {
        if (!c.conversation.reconnect(System.nanoTime())) {
            finish(c);
            return;
        }
        TimedSocket.close(c.channel);
        c.channel = SocketChannel.open();
        connect(c, System.nanoTime());
    }

    private void watch(LoopConnection c) {
        if (!c.watched) {
            c.watched = true;
            watched++;
        }
    }

    private void unwatch(LoopConnection c) {
        if (c.watched) {
            c.watched = false;
            watched--;
        }
    }

    /** Runs until every job set up on this loop has ended. */
    public void run() throws IOException {
        long now = System.nanoTime();
        long nextScan = now + SCAN_INTERVAL_NANOS;
        while (active > 0) {
            long until = watched > 0 ? Math.min(nextScan, timers.earliest()) : timers.earliest();
            long wait = until - now;
            // the action form of select hands each ready key over directly: no selected-key set to fill,
            // iterate and clear on every wake-up. Its timeout is in whole milliseconds: a wait of half of one
            // or more selects to the nearest millisecond (a wake-up before the send time loops again); a
            // shorter one parks for the wait, then takes what became ready. An open-loop send so goes out
            // at most half a millisecond late, not up to a whole one, and what arrives during a park waits
            // less than that (its latency, counted from the intended send time, says so either way).
            if (until == Long.MAX_VALUE) {
                // nothing to time (only idle connections): readiness alone wakes the loop
                selector.select(onReady);
            } else if (wait <= 0) {
                selector.selectNow(onReady);
            } else if (wait < PARK_BELOW_NANOS) {
                LockSupport.parkNanos(wait);
                selector.selectNow(onReady);
            } else {
                selector.select(onReady, (wait + PARK_BELOW_NANOS) / NANOS_PER_MILLI);
            }
            now = System.nanoTime();
            if (timers.earliest() <= now) {
                sendDue(now);
                now = System.nanoTime();
            }
            if (watched > 0 && now - nextScan > 0) {
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
                established(c, now);
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
                    over(c);
                } else if (n > 0) {
                    c.deadline = now + readTimeoutNanos;
                    buffer.flip();
                    if (c.conversation.received(buffer, now)) {
                        over(c);
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
     * the conversation is done and the job reconnects or ends.
     */
    private void advance(LoopConnection c, long now) throws IOException {
        Conversation conversation = c.conversation;
        while (true) {
            long due = conversation.nextSendAt(now);
            if (conversation.done()) {
                over(c);
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

    /**
     * Drives every connection whose send timer has come; one that is mid-write waits for OP_WRITE instead, and one
     * that is connecting for its connect.
     */
    private void sendDue(long now) {
        LoopConnection c;
        while ((c = timers.takeDue(now)) != null) {
            if (c.ended || c.writing || c.connecting) continue;
            try {
                advance(c, now);
            } catch (Throwable t) {
                fail(c, t);
            }
        }
    }

    /**
     * Fails every job past its deadline: the connect's until its current socket is connected, then the read
     * timeout, which runs only while a write is incomplete or a response is awaited, not while a connection waits
     * for its next send time, and never on a connection whose conversation waits without one (idle).
     */
    private void expire(long now) {
        for (SelectionKey key : selector.keys()) {
            LoopConnection c = (LoopConnection) key.attachment();
            if (c.ended || !c.watched || now - c.deadline <= 0) continue;
            if (!c.connecting && !c.writing && !c.conversation.awaitingResponse()) continue;
            c.record.fail(c.connecting ? JobFailure.connectTimeout(plan.connectTimeoutMs())
                    : JobFailure.readTimeout(plan.readTimeoutMs(), c.conversation.bodyBytes()));
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
        unwatch(c);
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
