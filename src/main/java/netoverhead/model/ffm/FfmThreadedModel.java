package netoverhead.model.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.model.JobStart;
import netoverhead.workload.Workload;

/**
 * The Haiku suite's threaded client through java.lang.foreign: the main thread calls socket(2), opens the job's
 * conversation and starts one platform thread per job, which runs an {@link FfmBlockingJob}: blocking
 * connect(2), send(2) and recv(2), with the kernel's timeouts.
 */
public final class FfmThreadedModel extends FfmModel {
    @Override public String name() { return "ffm-threaded"; }

    @Override public String label() { return "FFM threaded"; }

    @Override
    public String description() {
        return "one platform thread per connection, blocking recv(2) from libc through java.lang.foreign";
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        long origin = workload.origin();
        InetSocketAddress address = plan.address();
        int family = Libc.family(address);
        Thread[] threads = new Thread[jobs.length];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment callState = Libc.newCallState(arena);
            JobStart.begin(plan);
            for (int i = 0; i < jobs.length; i++) {
                JobRecord r = jobs[i];
                int fd = TimedSocket.open(r, origin, callState, family);
                if (fd < 0) continue;
                long created = origin + r.socketStartAt + r.socketCreateNs;
                try {
                    Thread t = new Thread(new FfmBlockingJob(fd, created, r, workload.open(r), plan, address), "job-" + i);
                    t.start();
                    threads[i] = t;
                } catch (OutOfMemoryError e) {
                    // "unable to create native thread": this job cannot run, the others still can
                    r.fail(ErrorKind.IO, "cannot start a thread: " + e.getMessage());
                    Libc.close(callState, fd);
                    r.endAt = System.nanoTime() - origin;
                    continue;
                }
                r.setupNs = System.nanoTime() - created;
            }
            JobStart.leave(plan);
            for (Thread t : threads) {
                if (t != null) t.join();
            }
        }
    }
}
