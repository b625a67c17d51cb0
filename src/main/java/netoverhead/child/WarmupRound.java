package netoverhead.child;

import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.model.JvmModel;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * Runs the model once, before the measured window, against a loopback server inside the child, as JMH runs
 * warm-up iterations: HotSpot interprets and then compiles a read path the first few thousand times it runs
 * it, and without this round that work (about 0.3 CPU seconds of 100 x 200 MiB for {@code threaded}, on
 * the client's CPU) lands inside the window, where it is a cost of a cold JVM, not of the I/O model.
 * Reads of at most {@link #BUFFER_BYTES} make the round short and the read loop hot: 16,384 reads, enough for
 * the methods on every read to reach the optimizing compiler (a quarter of that left half of the JIT's work
 * in the window). It costs about 150 ms a child on one CPU.
 *
 * <p>rr and churn run their own conversation the same way, in a closed loop: {@link #OPERATIONS} requests (churn:
 * {@link #CHURN_CONNECTIONS} connections) on each of the round's connections, each answered with a small body. Without the round, 100
 * thread-per-connection jobs start the rr path interpreted on 2 CPUs beside the server, the one optimizing
 * compiler thread gets a hundredth of a CPU, and a window can be measured on interpreted code: `threaded`
 * then costs about 100 us a request instead of about 12, from one run to the next (docs/performance.md).
 */
final class WarmupRound {
    static final int CONNECTIONS = 4;
    static final long BODY_BYTES = 4L << 20;
    static final int BUFFER_BYTES = 1024;
    /** Requests per connection of an rr round: 16,384 in all, as many as the bulk round's reads. */
    static final int OPERATIONS = 4_096;
    /**
     * Connections per worker of a churn round, 4,096 in all: each costs the loopback a connect, an accept and a
     * server thread (about 2,000 a second here), and leaves a TIME_WAIT behind.
     */
    static final int CHURN_CONNECTIONS = 1_024;
    private static final int TIMEOUT_MS = 5_000;

    private WarmupRound() {}

    /**
     * @return the jobs of the round, for a test to check; a failed round is not fatal, since the window
     *         still measures correctly, only colder
     */
    static JobRecord[] run(JvmModel model, ClientPlan plan) throws Exception {
        return run(model, plan, plan.workload().kind() == WorkloadKind.CHURN ? CHURN_CONNECTIONS : OPERATIONS);
    }

    /** The round with {@code count} operations per connection for rr and churn. */
    static JobRecord[] run(JvmModel model, ClientPlan plan, int count) throws Exception {
        boolean operations = plan.workload().kind().operations();
        try (WarmupServer server = operations ? WarmupServer.answering() : new WarmupServer(BODY_BYTES)) {
            ClientPlan warm = new ClientPlan(server.host(), server.port(), plan.path(), CONNECTIONS,
                    operations ? plan.bufferSize() : BUFFER_BYTES, TIMEOUT_MS, TIMEOUT_MS, plan.selector(), plan.loops(),
                    plan.verify(), plan.maxHeadBytes(), plan.realtimeStart(), false, operations ? closedLoop(plan.workload(), count)
                    : WorkloadPlan.BULK);
            JobRecord[] jobs = new JobRecord[CONNECTIONS];
            for (int i = 0; i < jobs.length; i++) jobs[i] = new JobRecord(i);
            model.run(warm, warm.newWorkload(System.nanoTime()), jobs);
            for (JobRecord job : jobs) {
                if (job.failed()) System.err.println("netoverhead: warm-up job " + job.id + " failed: " + job.message);
            }
            return jobs;
        }
    }

    /** The workload's own conversation, {@code count} per connection in a closed loop, nothing set aside. */
    private static WorkloadPlan closedLoop(WorkloadPlan plan, int count) {
        return new WorkloadPlan(plan.kind(), plan.pipeline(), 0, 0, 0, count, plan.requestsPerConnection());
    }
}
