package netoverhead.workload;

import netoverhead.job.JobRecord;

/**
 * One iteration's workload: opens the conversation of each connection and holds what they share (the
 * measured window, the latency histograms). Made once per iteration in the child, after its origin is known.
 */
public interface Workload {
    /** The {@link System#nanoTime()} that job times are relative to. */
    long origin();

    /** The conversation of the job that stamps {@code record}; call once per connection. */
    Conversation open(JobRecord record);

    /** Latencies of the operations completed in the window; empty for bulk. */
    Latencies latencies();

    /** Connect latencies (socket created to connected) of churn's connections completed in the window; else empty. */
    default Latencies connectLatencies() {
        return Latencies.NONE;
    }

    /**
     * When the measured window begins, as a {@link System#nanoTime()} (the origin for bulk); {@link Conversation#NEVER}
     * while it is not known yet (idle: the server opens it).
     */
    long windowStart();

    /**
     * When a window of fixed duration ends; {@link Conversation#NEVER} when it ends with the jobs (bulk, requests)
     * or is not known yet (idle).
     */
    long windowEnd();

    /**
     * Waits until every connection is established, or {@code runner}, which runs the jobs, has ended; true when
     * the child should collect garbage now, so that the memory of the window is the connections' and not garbage's
     * (idle).
     */
    default boolean awaitEstablished(Thread runner) throws InterruptedException {
        return false;
    }

    /** Waits until the window opens or {@code runner} has ended; the window's start as a {@link System#nanoTime()}. */
    default long awaitWindowStart(Thread runner) throws InterruptedException {
        long start = windowStart();
        Waiting.joinUntil(runner, start);
        return start;
    }

    /**
     * Waits until the window ends, or until {@code runner} has ended when it ends with the jobs; its end as a
     * {@link System#nanoTime()}.
     */
    default long awaitWindowEnd(Thread runner) throws InterruptedException {
        long end = windowEnd();
        if (end == Conversation.NEVER) {
            runner.join();
            return System.nanoTime();
        }
        Waiting.joinUntil(runner, end);
        return end;
    }
}
