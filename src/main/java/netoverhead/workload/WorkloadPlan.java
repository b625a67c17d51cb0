package netoverhead.workload;

/**
 * What every connection of an iteration does, as the child receives it.
 *
 * @param pipeline   requests in flight per connection (rr), at least 1
 * @param rate       requests per second over all connections; 0 for a closed loop
 * @param warmupNs   the warm-up before the measured window, nothing of it measured
 * @param durationNs the measured window when {@code requests} is 0
 * @param requests   operations per connection in the window instead of a duration; 0 for a duration
 * @param requestsPerConnection churn: requests on each connection before it is closed, at least 1
 */
public record WorkloadPlan(WorkloadKind kind, int pipeline, long rate, long warmupNs, long durationNs,
                           long requests, int requestsPerConnection) {
    public static final WorkloadPlan BULK = new WorkloadPlan(WorkloadKind.BULK, 1, 0, 0, 0, 0);

    public WorkloadPlan {
        if (pipeline < 1) throw new IllegalArgumentException("pipeline must be at least 1");
        if (requestsPerConnection < 1) throw new IllegalArgumentException("requests per connection must be at least 1");
        if (rate < 0 || warmupNs < 0 || durationNs < 0 || requests < 0) {
            throw new IllegalArgumentException("negative workload setting");
        }
    }

    /** A plan of one request per connection for churn. */
    public WorkloadPlan(WorkloadKind kind, int pipeline, long rate, long warmupNs, long durationNs, long requests) {
        this(kind, pipeline, rate, warmupNs, durationNs, requests, 1);
    }

    public boolean openLoop() {
        return rate > 0;
    }
}
