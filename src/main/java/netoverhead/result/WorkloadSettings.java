package netoverhead.result;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The workload of a run as given or defaulted; results written before workloads existed have none (bulk).
 *
 * @param kind          "bulk", "rr", "churn" or "idle"
 * @param pipeline      requests in flight per connection
 * @param rate          requests per second over all connections, 0 for a closed loop
 * @param warmupS       the warm-up before each window
 * @param durationS     the measured window, or null when it is a number of requests per connection
 * @param requests      requests per connection in the window, 0 when it is a duration
 * @param responseBytes the response sizes asked for (a sweep when more than one); empty for bulk and idle
 * @param requestsPerConnection churn: requests on each connection before it is closed; null for the others
 */
public record WorkloadSettings(String kind, int pipeline, long rate, double warmupS, Double durationS,
                               long requests, List<Long> responseBytes,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer requestsPerConnection) {
    public static final WorkloadSettings BULK = new WorkloadSettings("bulk", 1, 0, 0, null, 0, List.of());

    /** The settings of any workload but churn. */
    public WorkloadSettings(String kind, int pipeline, long rate, double warmupS, Double durationS, long requests,
                            List<Long> responseBytes) {
        this(kind, pipeline, rate, warmupS, durationS, requests, responseBytes, null);
    }

    public WorkloadSettings {
        responseBytes = responseBytes == null ? List.of() : List.copyOf(responseBytes);
    }

    public boolean bulk() {
        return "bulk".equals(kind);
    }
}
