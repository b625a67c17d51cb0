package netoverhead.model;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;
import netoverhead.workload.Workload;

/**
 * The Haiku suite's threaded client, whatever the thread: the setting-up thread creates each job's socket (socket
 * creation time) and starts a thread that runs a {@link BlockingJob} on it (job setup time). The threaded
 * and virtual models differ only in the {@link Thread.Builder} they pass.
 */
final class ThreadPerJob {
    private ThreadPerJob() {}

    /** @param kind "thread" or "virtual thread", for the message of a thread that cannot be started */
    static void run(ClientPlan plan, Workload workload, JobRecord[] jobs, Thread.Builder threads, String kind)
            throws InterruptedException {
        long origin = workload.origin();
        Thread[] started = new Thread[jobs.length];
        InetSocketAddress address = plan.address();
        try (IdleWatchdog watchdog = new IdleWatchdog()) {
            JobStart.begin(plan);
            for (int i = 0; i < jobs.length; i++) {
                JobRecord record = jobs[i];
                SocketChannel channel = TimedSocket.open(record, origin);
                if (channel == null) continue;
                long created = TimedSocket.createdAt(record, origin);
                try {
                    started[i] = threads.start(new BlockingJob(channel, created, record, workload.open(record), plan, address, watchdog));
                } catch (OutOfMemoryError e) {
                    // "unable to create native thread": this job cannot run, the others still can
                    record.fail(ErrorKind.IO, "cannot start a " + kind + ": " + e.getMessage());
                    record.endAt = System.nanoTime() - origin;
                    TimedSocket.close(channel);
                    continue;
                }
                record.setupNs = System.nanoTime() - created;
            }
            JobStart.leave(plan);
            for (Thread t : started) {
                if (t != null) t.join();
            }
        }
    }
}
