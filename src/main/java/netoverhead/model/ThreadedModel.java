package netoverhead.model;

import java.util.List;

import netoverhead.job.JobRecord;
import netoverhead.workload.Workload;

/** The Haiku suite's threaded client: one platform thread per job, each with a blocking socket. */
public final class ThreadedModel implements JvmModel {
    @Override public String name() { return "threaded"; }

    @Override public String label() { return "Threaded"; }

    @Override public String description() { return "one platform thread per connection, blocking SocketChannel"; }

    /** Starts one thread of the kind before the window, so that the first job does not set the machinery up. */
    @Override
    public void prepare(ClientPlan plan) throws InterruptedException {
        Thread.ofPlatform().start(() -> { }).join();
        JobStart.prepare(plan);
    }

    /** The real-time start calls sched_setscheduler(2) through the FFM API. */
    @Override
    public List<String> jvmOptions(ClientPlan plan) {
        return plan.realtimeStart() ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        ThreadPerJob.run(plan, workload, jobs, Thread.ofPlatform().name("job-", 0), "thread");
    }
}
