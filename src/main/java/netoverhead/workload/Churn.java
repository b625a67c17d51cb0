package netoverhead.workload;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobRecord;

/**
 * The churn workload of one iteration: what its workers share. The window opens {@code warmupNs} after the origin
 * and lasts {@code durationNs}, or, with a number of connections per worker, until every worker has had them.
 */
final class Churn implements Workload {
    private final WorkloadPlan plan;
    private final ByteBuffer keepAlive;
    private final ByteBuffer close;
    private final Supplier<ResponseParser> parsers;
    private final long origin;
    private final long windowStart;
    private final long windowEnd;
    private final Latencies latencies = new Latencies();
    private final Latencies connectLatencies = new Latencies();

    /**
     * @param keepAlive the request that leaves the connection open (all but the last on a connection)
     * @param close     the request that asks the server to close after its answer
     */
    Churn(WorkloadPlan plan, byte[] keepAlive, byte[] close, Supplier<ResponseParser> parsers, long origin) {
        this.plan = plan;
        this.keepAlive = Workloads.direct(keepAlive);
        this.close = Workloads.direct(close);
        this.parsers = parsers;
        this.origin = origin;
        this.windowStart = origin + plan.warmupNs();
        this.windowEnd = plan.requests() > 0 ? Conversation.NEVER : windowStart + plan.durationNs();
    }

    @Override
    public long origin() {
        return origin;
    }

    @Override
    public Conversation open(JobRecord record) {
        return new ChurnConversation(this, record, parsers.get());
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }

    @Override
    public Latencies connectLatencies() {
        return connectLatencies;
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

    ByteBuffer keepAlive() {
        return keepAlive;
    }

    ByteBuffer close() {
        return close;
    }
}
