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

    /** When the measured window begins, as a {@link System#nanoTime()} (the origin for bulk). */
    long windowStart();

    /** When a window of fixed duration ends; {@link Conversation#NEVER} when it ends with the jobs (bulk, requests). */
    long windowEnd();
}
