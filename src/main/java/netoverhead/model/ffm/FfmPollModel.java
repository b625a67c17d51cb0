package netoverhead.model.ffm;

import java.lang.foreign.Arena;

import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.workload.Workload;

/**
 * The Haiku suite's poll() client, system call for system call, through java.lang.foreign instead of JDK NIO: for
 * each job socket(2), fcntl(2) twice to make it non-blocking and a connect(2) that returns EINPROGRESS, one
 * after another; then one thread waits in ppoll(2) over an array of struct pollfd, finishes connects with
 * getsockopt(SO_ERROR), sends what each job's conversation has due and calls recv(2) once per readable socket
 * into one shared buffer ({@link FfmPollLoop}).
 */
public final class FfmPollModel extends FfmModel {
    @Override public String name() { return "ffm-poll"; }

    @Override public String label() { return "FFM `poll()`-based"; }

    @Override
    public String description() {
        return "one thread, poll(2) and non-blocking recv(2) from libc through java.lang.foreign; no JDK NIO";
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) {
        try (Arena arena = Arena.ofConfined()) {
            new FfmPollLoop(plan, workload, jobs, arena).run();
        }
    }
}
