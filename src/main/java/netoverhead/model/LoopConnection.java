package netoverhead.model;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import netoverhead.job.JobRecord;
import netoverhead.workload.Conversation;

/**
 * One job's connection on a {@link SelectorLoop}, attached to its selection key. A churn job keeps its
 * LoopConnection from one socket to the next: only the channel and its key change.
 */
final class LoopConnection {
    /** The job's current socket: a new one for each of churn's connections. */
    SocketChannel channel;
    final JobRecord record;
    final Conversation conversation;
    SelectionKey key;
    /** The operations the selector watches for, as last set: a change is made only when they change. */
    int interest;
    /** The current socket's connect is under way: its deadline is the connect timeout's. */
    boolean connecting;
    /**
     * A deadline applies to this connection: while it connects, and once connected unless its conversation
     * waits with no read timeout (idle). The loop counts watched connections and scans for expired ones only
     * while it has some.
     */
    boolean watched;
    /** A write is incomplete: the connection waits for OP_WRITE, and only for it. */
    boolean writing;
    /** The job has ended (done or failed) and its socket is closed. */
    boolean ended;
    /** When the connect, or an awaited response, times out: a {@link System#nanoTime()}. */
    long deadline;
    /** The time this connection waits for on its loop's send timers, while {@link #timed}. */
    long timerAt;
    boolean timed;

    LoopConnection(SocketChannel channel, JobRecord record, Conversation conversation, long deadline) {
        this.channel = channel;
        this.record = record;
        this.conversation = conversation;
        this.deadline = deadline;
    }
}
