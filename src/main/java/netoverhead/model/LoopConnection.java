package netoverhead.model;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import netoverhead.job.JobRecord;
import netoverhead.workload.Conversation;

/** One job's connection on a {@link SelectorLoop}, attached to its selection key. */
final class LoopConnection {
    final SocketChannel channel;
    final JobRecord record;
    final Conversation conversation;
    SelectionKey key;
    /** The operations the selector watches for, as last set: a change is made only when they change. */
    int interest;
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
