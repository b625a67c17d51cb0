package netoverhead.workload;

import java.util.function.Supplier;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobRecord;

/**
 * The rr workload of one iteration: what its connections share. The window opens {@code warmupNs} after the
 * origin and lasts {@code durationNs}, or, with a number of requests per connection, until every connection
 * has had its answers. In the open loop each connection sends every {@code interval} nanoseconds, the
 * connections staggered evenly over one interval.
 */
final class RequestResponse implements Workload {
    private final WorkloadPlan plan;
    private final byte[] request;
    private final Supplier<ResponseParser> parsers;
    private final long origin;
    private final long windowStart;
    private final long windowEnd;
    private final long interval;
    private final int connections;
    private final Latencies latencies = new Latencies();

    RequestResponse(WorkloadPlan plan, int connections, byte[] request, Supplier<ResponseParser> parsers,
                    long origin) {
        this.plan = plan;
        this.request = request;
        this.parsers = parsers;
        this.origin = origin;
        this.connections = Math.max(1, connections);
        this.windowStart = origin + plan.warmupNs();
        this.windowEnd = plan.requests() > 0 ? Conversation.NEVER : windowStart + plan.durationNs();
        this.interval = plan.openLoop() ? Math.max(1, Math.round(this.connections * 1e9 / plan.rate())) : 0;
    }

    @Override
    public long origin() {
        return origin;
    }

    @Override
    public Conversation open(JobRecord record) {
        long firstIntended = origin + interval * (record.id % connections) / connections;
        return new RequestResponseConversation(this, record, parsers.get(), firstIntended);
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }

    @Override
    public long windowStart() {
        return windowStart;
    }

    @Override
    public long windowEnd() {
        return windowEnd;
    }

    WorkloadPlan plan() {
        return plan;
    }

    byte[] request() {
        return request;
    }

    /** Nanoseconds between one connection's intended send times; 0 in the closed loop. */
    long interval() {
        return interval;
    }
}
