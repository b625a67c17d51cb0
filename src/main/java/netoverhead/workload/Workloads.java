package netoverhead.workload;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobRecord;

/** Makes the workload of one iteration from its plan. */
public final class Workloads {
    private Workloads() {}

    /**
     * @param request the request every connection sends: for rr one that keeps the connection alive; for churn
     *                the one of every request on a connection but its last; for idle the hello
     * @param closing the request that asks the server to close after its answer: churn's last on a connection
     * @param parsers a new response parser for each connection
     * @param origin  the {@link System#nanoTime()} of the iteration's start, which job times are relative to
     */
    public static Workload create(WorkloadPlan plan, int connections, byte[] request, byte[] closing,
                                  Supplier<ResponseParser> parsers, long origin) {
        return switch (plan.kind()) {
            case BULK -> new Bulk(direct(request), parsers, origin);
            case RR -> new RequestResponse(plan, connections, request, parsers, origin);
            case CHURN -> new Churn(plan, request, closing, parsers, origin);
            case IDLE -> new Idle(request, connections, origin);
        };
    }

    /**
     * The request in native memory, shared read-only by every connection. The JDK writes a heap buffer through
     * a temporary direct buffer of the writing thread, and a thread that has never written allocates one: with
     * a new thread per job that would be an allocation in every job between its connect and its request.
     */
    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    private record Bulk(ByteBuffer request, Supplier<ResponseParser> parsers, long origin) implements Workload {
        @Override
        public Conversation open(JobRecord record) {
            return new BulkConversation(record, parsers.get(), request.duplicate(), origin);
        }

        @Override
        public Latencies latencies() {
            return Latencies.NONE;
        }

        @Override
        public long windowStart() {
            return origin;
        }

        @Override
        public long windowEnd() {
            return Conversation.NEVER;
        }
    }
}
