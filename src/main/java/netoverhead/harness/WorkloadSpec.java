package netoverhead.harness;

import java.time.Duration;
import java.util.List;

import netoverhead.result.WorkloadSettings;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * What every connection of a run does, checked and typed.
 *
 * @param pipeline  requests in flight per connection (rr)
 * @param rate      requests per second over all connections; 0 for a closed loop
 * @param warmup    the warm-up of each iteration before its window (rr); for bulk, zero skips the warm-up round
 * @param duration  the measured window (rr), when {@code requests} is 0
 * @param requests  requests per connection in the window instead of a duration; 0 for a duration
 * @param responses the response sizes of rr and churn, one step of the sweep each; empty for bulk and idle
 * @param requestsPerConnection churn: requests on each connection before it is closed
 */
public record WorkloadSpec(WorkloadKind kind, int pipeline, long rate, Duration warmup, Duration duration,
                           long requests, List<Long> responses, int requestsPerConnection) {
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(2);
    public static final long DEFAULT_RESPONSE = 128;

    /** Bulk, with or without the Java clients' warm-up round. */
    public static WorkloadSpec bulk(boolean warmupRound) {
        return new WorkloadSpec(WorkloadKind.BULK, 1, 0, warmupRound ? DEFAULT_WARMUP : Duration.ZERO, Duration.ZERO,
                0, List.of());
    }

    /**
     * Idle's connections read the answer to their hello once (84 bytes from the tool's server) and then frames of
     * 16 bytes: a buffer that takes the head in one read keeps what a waiting connection holds small (a model with
     * a buffer per connection holds it all the time). A smaller one splits the head over two reads, and a model
     * then holds every connection's partial status line at once while the hellos are answered.
     */
    public static final int IDLE_BUFFER = 128;

    public WorkloadSpec {
        responses = List.copyOf(responses);
    }

    /** A workload of one request per connection for churn. */
    public WorkloadSpec(WorkloadKind kind, int pipeline, long rate, Duration warmup, Duration duration, long requests,
                        List<Long> responses) {
        this(kind, pipeline, rate, warmup, duration, requests, responses, 1);
    }

    /** Whether each iteration sweeps the sizes of {@link #responses} (rr, churn). */
    public boolean sizedResponses() {
        return kind == WorkloadKind.RR || kind == WorkloadKind.CHURN;
    }

    public boolean operations() {
        return kind.operations();
    }

    /**
     * Whether the Java clients run their warm-up round against a loopback server of their own: bulk, rr and
     * churn, whose hot paths the round compiles before the window. Idle's path runs a few times a second and
     * needs the server's own protocol; its window warm-up is enough.
     */
    public boolean warmupRound() {
        return kind != WorkloadKind.IDLE && warmup.isPositive();
    }

    /** What the child is told. */
    public WorkloadPlan plan() {
        if (kind == WorkloadKind.BULK) return WorkloadPlan.BULK;
        return new WorkloadPlan(kind, pipeline, rate, warmup.toNanos(), requests > 0 ? 0 : duration.toNanos(),
                requests, requestsPerConnection);
    }

    /** What the results record. */
    public WorkloadSettings settings() {
        if (kind == WorkloadKind.BULK) return null;
        return new WorkloadSettings(kind.wireName(), pipeline, rate, warmup.toNanos() / 1e9,
                requests > 0 ? null : duration.toNanos() / 1e9, requests, responses,
                kind == WorkloadKind.CHURN ? requestsPerConnection : null);
    }

    /** What the results say of the paths of a sweep over response sizes. */
    public static final String SIZED_PATHS = "/rr/<bytes>";

    /** The path that asks a server the tool starts for a body of {@code bytes}: {@code /rr/128}. */
    public static String sizedPath(long bytes) {
        return "/rr/" + bytes;
    }
}
