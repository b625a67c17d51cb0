package netoverhead.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import netoverhead.http.IdleFrames;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.os.CpuList;
import netoverhead.process.Binaries;
import netoverhead.result.RunSettings;
import netoverhead.result.WorkloadSettings;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerKind;
import netoverhead.server.link.LinkSpec;
import netoverhead.workload.WorkloadKind;

/**
 * One run as the command line asked for it, checked and typed: built once from the options, then read by the
 * runner (what to run, in which order, how a child is watched), by whatever opens the server, and by the
 * results (the settings they record). Every command that runs models runs one of these.
 *
 * @param payloadBytes the payload asked for; the server may serve another size (an external one), and the
 *                     runner expects the one the server says
 * @param label        the name the user gave the run, null when none was given
 * @param workload     what every connection does
 */
public record RunSpec(List<Model> models, List<Integer> connections, int iterations, long payloadBytes,
                      Target target, Client client, Duration sampleInterval, String label, WorkloadSpec workload) {

    /** A bulk run, with the warm-up round the client settings ask for. */
    public RunSpec(List<Model> models, List<Integer> connections, int iterations, long payloadBytes, Target target,
                   Client client, Duration sampleInterval, String label) {
        this(models, connections, iterations, payloadBytes, target, client, sampleInterval, label,
                WorkloadSpec.bulk(client.warmup()));
    }

    /** How long a child may take to load and say READY, and then to start measuring once told GO. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How much longer than a connect and a read timeout together a child may show no progress before it is killed. */
    public static final Duration STALL_MARGIN = Duration.ofSeconds(15);

    public RunSpec {
        models = List.copyOf(models);
        connections = List.copyOf(connections);
    }

    /**
     * Where the payload comes from.
     *
     * @param portGiven whether the user chose the port: when not, a lighttpd or nginx the tool starts may take
     *                  a free one if the default is taken
     * @param follow    whether a redirect from the path is followed (on the same host) to the payload
     * @param link      the emulated link to put the server behind, null for none
     * @param cpus      the CPUs the server the tool starts is kept to, null where the kernel chooses
     */
    public record Target(String address, int port, boolean portGiven, String path, boolean follow, ServerKind server,
                         LinkSpec link, CpuList cpus) {}

    /**
     * How every client runs.
     *
     * @param cpus the CPUs every client process is kept to, null where the kernel chooses
     */
    public record Client(int bufferBytes, Selector selector, int loops, Duration connectTimeout, Duration readTimeout,
                         boolean verify, boolean warmup, StartPriority startPriority, CpuList cpus) {}

    /** The selector of the JDK models. */
    public enum Selector {
        /** each model keeps its own (poll(2) for the poll model) */
        MODELS_OWN,
        POLL,
        EPOLL,
        DEFAULT;

        /** The value the child and the results carry: null for {@link #MODELS_OWN}. */
        public String wireName() {
            return this == MODELS_OWN ? null : optionName(this);
        }
    }

    /** The scheduling class in which the models with one platform thread per job start their jobs. */
    public enum StartPriority { NORMAL, REALTIME }

    /** The lower-case name an option gives a constant: {@code nginx}, {@code epoll}, {@code realtime}. */
    public static String optionName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant an option names, in lower case as users type it. */
    public static <E extends Enum<E>> Optional<E> fromOption(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> optionName(c).equals(text)).findFirst();
    }

    /** "embedded, lighttpd, nginx or external": the names an option accepts, for its error message. */
    public static String optionNames(Class<? extends Enum<?>> type, Enum<?>... leaveOut) {
        List<String> names = Arrays.stream(type.getEnumConstants()).filter(c -> !List.of(leaveOut).contains(c))
                .map(RunSpec::optionName).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    /** This run with another number of iterations per model and count (a recording command's default is one). */
    public RunSpec withIterations(int count) {
        return new RunSpec(models, connections, count, payloadBytes, target, client, sampleInterval, label, workload);
    }

    /**
     * Silence longer than this, no bytes read and no CPU spent, is a stalled child: a connect and a read timeout,
     * and a margin.
     */
    public Duration stallTimeout() {
        return client.connectTimeout().plus(client.readTimeout()).plus(STALL_MARGIN);
    }

    public int mostConnections() {
        return Collections.max(connections);
    }

    /** How the runner starts and watches each child: the start and stall timeouts, sampling, the CPUs it is kept to. */
    public IterationRunner.Options iterationOptions() throws IOException {
        // an rr child says START when its warm-up is over
        Duration start = workload.operations() ? START_TIMEOUT.plus(workload.warmup()) : START_TIMEOUT;
        return new IterationRunner.Options(sampleInterval, List.of(), start, stallTimeout(), Duration.ZERO,
                IterationRunner.BeforeGo.NOTHING, pinning(client.cpus()));
    }

    /** {@code taskset -c LIST} for the server the tool starts, or nothing when it is not kept to some CPUs. */
    public List<String> serverPrefix() throws IOException {
        return pinning(target.cpus());
    }

    private static List<String> pinning(CpuList cpus) throws IOException {
        return cpus == null ? List.of() : cpus.commandPrefix(Binaries.require("taskset", "util-linux"));
    }

    /**
     * What every client is told, for a payload reached at host:port and path (the target's, or where a followed
     * redirect led); the sweep sets the connection count.
     */
    public ClientPlan clientPlan(String host, int port, String path) {
        return new ClientPlan(host, port, path, connections.getFirst(), client.bufferBytes(),
                millis(client.connectTimeout()), millis(client.readTimeout()), client.selector().wireName(),
                client.loops(), client.verify(), ResponseParser.DEFAULT_MAX_HEAD_BYTES,
                client.startPriority() == StartPriority.REALTIME, workload.warmupRound(), workload.plan());
    }

    /**
     * The settings the results record.
     *
     * @param host      where the clients connected (the link's address, behind a link)
     * @param path      the path they downloaded (where a followed redirect led)
     * @param linkLabel "veth 1gbit" over an emulated link, null otherwise
     * @param profiler  what the figures were measured under, null for nothing
     */
    public RunSettings settings(String host, int port, String path, ServerHandle server, String linkLabel,
                                String profiler) {
        return new RunSettings(models.stream().map(Model::name).toList(), connections, iterations,
                server.payloadBytes(), host, port, askedPath(path), optionName(target.server()), server.description(),
                client.bufferBytes(), client.selector().wireName(), client.loops(), millis(sampleInterval),
                millis(client.connectTimeout()), millis(client.readTimeout()), client.verify(), linkLabel, profiler,
                cpuText(client.cpus()), cpuText(target.cpus()), workload.warmupRound(),
                optionName(client.startPriority()), label, workloadSettings(server));
    }

    /** The path the clients asked for: rr asks a server the tool starts for sized bodies, {@code /rr/<bytes>}. */
    private String askedPath(String path) {
        if (workload.kind() == WorkloadKind.IDLE) return IdleFrames.PREFIX + "<connections>/<warmup>/<duration>/<group>";
        if (!workload.operations() || target.server() == ServerKind.EXTERNAL) return path;
        List<Long> sizes = workload.responses();
        return sizes.size() == 1 ? WorkloadSpec.sizedPath(sizes.getFirst()) : WorkloadSpec.SIZED_PATHS;
    }

    /** The workload the results record: an external server's rr responses are the one size it answered with. */
    private WorkloadSettings workloadSettings(ServerHandle server) {
        WorkloadSettings settings = workload.settings();
        if (settings == null || !settings.responseBytes().isEmpty() || !workload.sizedResponses()) return settings;
        return new WorkloadSettings(settings.kind(), settings.pipeline(), settings.rate(), settings.warmupS(),
                settings.durationS(), settings.requests(), List.of(server.payloadBytes()),
                settings.requestsPerConnection());
    }

    private static int millis(Duration d) {
        return Math.toIntExact(d.toMillis());
    }

    private static String cpuText(CpuList cpus) {
        return cpus == null ? null : cpus.toString();
    }
}
