package netoverhead.workload;

import java.nio.ByteBuffer;

import netoverhead.job.JobFailure;

/**
 * What one connection says and expects, driven by a model that only moves bytes and stamps times. The model
 * connects, then repeatedly writes what {@link #outgoing} holds when {@link #nextSendAt} has come, reads while
 * {@link #awaitingResponse} and hands what it read to {@link #received}, until {@link #done}; then it calls
 * {@link #end}, failed or not. Times are {@link System#nanoTime()} values.
 *
 * <p>Every method is called from one thread at a time (the thread or event loop that owns the connection).
 */
public interface Conversation {
    /** Never: the conversation sends again only when a response comes in. */
    long NEVER = Long.MAX_VALUE;

    /**
     * A connection's socket exists and its connect starts now: churn's connect latency counts from here. Models
     * call it for every connection, before {@link #connected}.
     */
    default void connecting(long now) {}

    /** The connection is established. */
    void connected(long now);

    /**
     * Once {@link #done}: whether the model closes this connection and opens another for the same conversation
     * (churn), calling {@link #connecting} and {@link #connected} again and driving it as before; false when the
     * job is over and the model calls {@link #end}.
     */
    default boolean reconnect(long now) {
        return false;
    }

    /**
     * Whether the model's read timeout applies while the conversation awaits bytes. Idle connections wait for the
     * server's heartbeats as long as the window lasts, so theirs does not: the server ends them.
     */
    default boolean readTimeoutApplies() {
        return true;
    }

    /**
     * The bytes to write now: every request due and allowed in flight, or an empty buffer when nothing is.
     * The model writes from it (its position advances) and calls {@link #wrote} after each write.
     */
    ByteBuffer outgoing(long now);

    /** After a write from {@link #outgoing}: stamps the requests whose last byte went out. */
    void wrote(long now);

    /**
     * When {@link #outgoing} has bytes next: a time at or before {@code now} to write at once, a later time to
     * wait for (open loop), or {@link #NEVER} while only a response can move the conversation on.
     */
    long nextSendAt(long now);

    /** Whether requests are in flight, so that the model should read (and its read timeout applies). */
    boolean awaitingResponse();

    /**
     * Bytes the model read, buf[position, limit), all consumed.
     *
     * @return true once the conversation is done
     * @throws JobFailure when the response breaks HTTP or the workload's expectations
     */
    boolean received(ByteBuffer buf, long now) throws JobFailure;

    /**
     * The peer closed the connection.
     *
     * @throws JobFailure when that cuts a response short or ends a conversation that was not over
     */
    void endOfStream(long now) throws JobFailure;

    /**
     * Whether nothing is in flight and nothing more will be sent, as of the last call of {@link #nextSendAt},
     * {@link #outgoing} or {@link #received}: a model asks {@code nextSendAt(now)} before it waits.
     */
    boolean done();

    /** Where the conversation stands, for an error message ("after 1234 of 5000 body bytes"). */
    String whereNow();

    /** Body bytes received so far over every response. */
    long bodyBytes();

    /** The job is over (done or failed): stamps its end, bytes and counts into its record. */
    void end(long now);
}
