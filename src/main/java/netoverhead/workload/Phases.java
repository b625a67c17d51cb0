package netoverhead.workload;

import netoverhead.job.JobRecord;

/** The rule of every workload of operations: an operation belongs to the phase in which it completes. */
final class Phases {
    private Phases() {}

    /**
     * Counts an operation completed at {@code now} in the record's warm-up, window or after count.
     *
     * @return true when it belongs to the window, whose latencies are recorded
     */
    static boolean count(JobRecord record, long now, long windowStart, long windowEnd) {
        if (now < windowStart) {
            record.opsWarmup++;
            return false;
        }
        if (now < windowEnd) {
            record.opsWindow++;
            return true;
        }
        record.opsAfter++;
        return false;
    }
}
