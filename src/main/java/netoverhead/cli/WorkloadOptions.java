package netoverhead.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

import netoverhead.config.Size;
import netoverhead.harness.WorkloadSpec;
import netoverhead.server.ServerKind;
import netoverhead.workload.WorkloadKind;

/** The options that say what every connection does: the workload and, for rr, its load and window. */
public final class WorkloadOptions {
    @Option(names = "--workload", paramLabel = "KIND", defaultValue = "bulk",
            description = "What every connection does: bulk (one GET of the payload, the default), rr (many small "
                    + "requests on one kept-alive connection), churn (connect, request, response, close, again) or "
                    + "idle (connections held open, the server pinging 1%% of them each second).")
    String workload;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "rr, churn, idle: the measured window of each iteration (default: 10s).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "rr, churn, idle: the time before the window, not measured (default: 2s; 0s measures from "
                    + "the start; idle's begins once every connection is established). bulk: 0s skips the Java "
                    + "clients' warm-up round, as --no-warmup does.")
    Duration warmup;

    @Option(names = "--no-warmup", description = "The same as --warmup 0s.")
    boolean noWarmup;

    @Option(names = "--requests", paramLabel = "N",
            description = "rr: requests per connection in the window, instead of a --duration; churn: connections "
                    + "per worker.")
    Long requests;

    @Option(names = "--pipeline", paramLabel = "K", description = "rr: requests in flight per connection (default: 1).")
    Integer pipeline;

    @Option(names = "--rate", paramLabel = "R",
            description = "rr: requests per second over all connections, an open loop with latency from each "
                    + "request's intended send time (default: a closed loop, as fast as answers come).")
    Long rate;

    @Option(names = "--response", split = ",", paramLabel = "SIZE[,SIZE...]",
            converter = Converters.SizeConverter.class,
            description = "rr, churn: the response body size, or sizes for a sweep (default: 128B; a bare number is "
                    + "MiB, as for --payload).")
    List<Size> responses;

    @Option(names = "--requests-per-connection", paramLabel = "K",
            description = "churn: requests on each connection before it is closed (default: 1).")
    Integer requestsPerConnection;

    /** The workload asked for, checked; a {@link UsageException} with one line says what is wrong. */
    WorkloadSpec toSpec(ServerKind server) {
        WorkloadKind kind;
        try {
            kind = WorkloadKind.ofWireName(workload);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--workload must be bulk, rr, churn or idle, not '" + workload + "'");
        }
        refuseOptionsOf(kind, server);
        if (noWarmup && warmup != null && !warmup.isZero()) {
            throw new UsageException("--no-warmup and --warmup " + warmup.toMillis() + "ms contradict each other");
        }
        Duration warm = noWarmup ? Duration.ZERO : warmup;
        if (kind == WorkloadKind.BULK) {
            List<String> given = new ArrayList<>();
            if (duration != null) given.add("--duration");
            if (requests != null) given.add("--requests");
            if (pipeline != null) given.add("--pipeline");
            if (rate != null) given.add("--rate");
            if (responses != null) given.add("--response");
            if (!given.isEmpty()) {
                throw new UsageException(String.join(", ", given) + (given.size() == 1 ? " applies" : " apply")
                        + " to --workload rr; bulk downloads --payload once per connection");
            }
            return WorkloadSpec.bulk(warm == null || warm.isPositive());
        }
        if (requestsPerConnection != null && requestsPerConnection < 1) {
            throw new UsageException("--requests-per-connection must be at least 1, not " + requestsPerConnection);
        }
        if (pipeline != null && pipeline < 1) throw new UsageException("--pipeline must be at least 1, not " + pipeline);
        if (rate != null && rate < 1) {
            throw new UsageException("--rate must be at least 1 request per second, not " + rate
                    + " (leave it out for a closed loop)");
        }
        if (requests != null && requests < 1) throw new UsageException("--requests must be at least 1, not " + requests);
        if (requests != null && duration != null) {
            throw new UsageException("give --duration or --requests, not both");
        }
        if (duration != null && duration.toMillis() < 1) {
            throw new UsageException("--duration must be at least 1ms");
        }
        List<Long> sizes = new ArrayList<>();
        for (Size s : responses == null ? List.<Size>of() : responses) {
            if (s.bytes() > (1L << 30)) throw new UsageException("--response must be at most 1GiB, not " + s);
            if (!sizes.contains(s.bytes())) sizes.add(s.bytes());
        }
        if (server == ServerKind.EXTERNAL && !sizes.isEmpty()) {
            throw new UsageException("--response asks a server the tool starts for bodies of that size; an external "
                    + "server answers --path with what it has (leave --response out)");
        }
        if (sizes.isEmpty() && server != ServerKind.EXTERNAL && kind != WorkloadKind.IDLE) {
            sizes.add(WorkloadSpec.DEFAULT_RESPONSE);
        }
        return new WorkloadSpec(kind, pipeline == null ? 1 : pipeline, rate == null ? 0 : rate,
                warm == null ? WorkloadSpec.DEFAULT_WARMUP : warm,
                duration == null ? WorkloadSpec.DEFAULT_DURATION : duration, requests == null ? 0 : requests, sizes,
                requestsPerConnection == null ? 1 : requestsPerConnection);
    }

    /** Refuses the options that mean nothing for churn or idle, and idle against a server that cannot ping. */
    private void refuseOptionsOf(WorkloadKind kind, ServerKind server) {
        List<String> given = new ArrayList<>();
        if (kind == WorkloadKind.CHURN || kind == WorkloadKind.IDLE) {
            if (pipeline != null) given.add("--pipeline");
            if (rate != null) given.add("--rate");
        }
        if (kind == WorkloadKind.IDLE) {
            if (requests != null) given.add("--requests");
            if (responses != null) given.add("--response");
        }
        if (kind != WorkloadKind.CHURN && requestsPerConnection != null) given.add("--requests-per-connection");
        if (!given.isEmpty()) {
            String what = switch (kind) {
                case CHURN -> "churn runs a closed loop, one request at a time on each connection";
                case IDLE -> "idle's connections wait for the server's heartbeats for --duration";
                default -> "--requests-per-connection is for --workload churn";
            };
            throw new UsageException(String.join(", ", given) + (given.size() == 1 ? " does" : " do")
                    + " not apply to --workload " + kind.wireName() + ": " + what);
        }
        if (kind == WorkloadKind.IDLE && (server == ServerKind.LIGHTTPD || server == ServerKind.NGINX)) {
            throw new UsageException("idle needs netoverhead's own server, which sends the heartbeats: use --server "
                    + "embedded (the default), or --server external with 'netoverhead serve' there");
        }
    }
}
