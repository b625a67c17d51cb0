package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

import netoverhead.config.Size;
import netoverhead.harness.RunSpec;
import netoverhead.harness.WorkloadSpec;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.os.CpuList;
import netoverhead.os.RealtimeStart;
import netoverhead.report.OutputFormat;
import netoverhead.server.ServerKind;
import netoverhead.server.link.LinkSpec;

/**
 * The options of a benchmark run, shared by every command that runs models. Defaults are the Haiku suite's:
 * 127.0.0.1:8000, /testpayload, 100 connections, 200 MiB, 10 iterations; NO_CONNECTIONS, TEST_PAYLOAD and
 * ITERATIONS set them too, and a flag beats a variable.
 */
public final class RunOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Server address or host name (default: ${DEFAULT-VALUE}).")
    public String address;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", defaultValue = "8000",
            description = "Server port (default: ${DEFAULT-VALUE}).")
    public int port;

    @Option(names = "--models", split = ",", paramLabel = "LIST", defaultValue = "all",
            description = "Models to run, comma-separated, or 'all' (default). See 'netoverhead models'.")
    public List<String> models;

    @Option(names = "--connections", split = ",", paramLabel = "N[,N...]", defaultValue = "${env:NO_CONNECTIONS:-100}",
            description = "Concurrent connections; several values sweep (default: ${DEFAULT-VALUE}, or NO_CONNECTIONS).")
    public List<Integer> connections;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "${env:ITERATIONS:-10}",
            description = "Iterations per model, each in a fresh process (default: ${DEFAULT-VALUE}, or ITERATIONS).")
    public int iterations;

    @Option(names = "--payload", paramLabel = "SIZE", defaultValue = "${env:TEST_PAYLOAD:-200}",
            converter = Converters.SizeConverter.class,
            description = "Payload size: bytes with a KiB, MiB, GiB or TiB suffix, a bare number is MiB "
                    + "(default: ${DEFAULT-VALUE}, or TEST_PAYLOAD in MiB).")
    public Size payload;

    @Option(names = "--path", defaultValue = "/testpayload", description = "Path of the payload (default: ${DEFAULT-VALUE}).")
    public String path;

    @Option(names = "--follow",
            description = "Follow a redirect (301, 302, 303, 307, 308) from --path to the payload, on the same host; "
                    + "without it, a redirect ends the run before it starts, naming the Location.")
    public boolean follow;

    @Option(names = "--server", defaultValue = "embedded", paramLabel = "KIND",
            description = "embedded: start the tool's own server unless one already listens at the target (default); "
                    + "lighttpd, nginx: start that server from a generated configuration, and stop it at the end; "
                    + "external: use whatever listens there and start nothing.")
    public String server;

    @Option(names = "--link", paramLabel = "rate=R[,delay=D][,loss=P%][,mtu=N]",
            description = "Run the server in a network namespace behind a veth pair shaped with tc "
                    + "(e.g. rate=1gbit,delay=2ms); needs root.")
    public String link;

    @Option(names = "--buffer", paramLabel = "SIZE", defaultValue = "64KiB", converter = Converters.SizeConverter.class,
            description = "Read buffer size for every model (default: ${DEFAULT-VALUE}).")
    public Size buffer;

    @Option(names = "--selector", paramLabel = "KIND",
            description = "Selector of the JDK models: poll (poll(2), the poll model's default), epoll, or default.")
    public String selector;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "0",
            description = "Event loops for multi-loop models; 0 means one per core.")
    public int loops;

    @Option(names = "--client-cpus", paramLabel = "LIST",
            description = "Run every client process on these CPUs only, as taskset -c writes them (1, 0,2 or 2-3); "
                    + "the tool keeps its own threads off them while the clients run.")
    public String clientCpus;

    @Option(names = "--server-cpus", paramLabel = "LIST",
            description = "Run the server the tool starts on these CPUs only; with --client-cpus, keeps the two "
                    + "sides apart (steadier figures on a small machine).")
    public String serverCpus;

    @Option(names = "--sample-interval", paramLabel = "MS", defaultValue = "10",
            description = "Memory sampling interval in milliseconds; 0 samples only at the start and end of the "
                    + "measured window (default: ${DEFAULT-VALUE}).")
    public int sampleIntervalMs;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.MillisConverter.class,
            description = "Give up on a connect after this long (default: ${DEFAULT-VALUE}).")
    public int connectTimeoutMs;

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.MillisConverter.class,
            description = "Give up on a connection that receives nothing for this long (default: ${DEFAULT-VALUE}).")
    public int readTimeoutMs;

    @Mixin
    public WorkloadOptions workload = new WorkloadOptions();

    @Option(names = "--start-priority", paramLabel = "CLASS", defaultValue = "normal",
            description = "How threaded, ffm-threaded and native-threaded start their jobs: normal, or realtime "
                    + "(the setting-up thread, and each job until its request is sent, in SCHED_FIFO; needs root "
                    + "or CAP_SYS_NICE) (default: ${DEFAULT-VALUE}).")
    public String startPriority;

    @Option(names = "--verify", description = "Check every body byte against the payload's known content.")
    public boolean verify;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Directory for the JSON and CSV of every run (default: ${DEFAULT-VALUE}).")
    public Path out;

    // One option per output format, named after it (--json for OutputFormat.JSON): resultFiles() reads them by
    // those names, so that a new format needs only its option here.
    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON here.")
    public Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the CSV here.")
    public Path csv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the tables here.")
    public Path markdown;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report (charts) here.")
    public Path html;

    /** The option that names a file of this format: {@code --json}. */
    static String fileOption(OutputFormat format) {
        return "--" + format.formatName();
    }

    /** The files the command line asked for, by format. */
    static Map<OutputFormat, Path> resultFiles(ParseResult parsed) {
        Map<OutputFormat, Path> files = new EnumMap<>(OutputFormat.class);
        for (OutputFormat format : OutputFormat.values()) {
            Path file = parsed.matchedOptionValue(fileOption(format), null);
            if (file != null) files.put(format, file);
        }
        return files;
    }

    @Option(names = "--force", description = "Overwrite files named by --json, --csv, --markdown and --html.")
    public boolean force;

    @Option(names = "--no-progress", description = "Print no progress on stderr.")
    public boolean noProgress;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "A name for this run, recorded in the results and shown on its rows when runs are merged.")
    public String label;

    /**
     * The run these options ask for, checked and typed: what picocli cannot check (ranges, names, CPU lists,
     * the link) is checked here, and a {@link UsageException} with one line says what is wrong.
     *
     * @param portGiven whether the user gave PORT: when not, a lighttpd or nginx the tool starts takes a free port
     *                  if the default one is taken
     */
    public RunSpec toSpec(boolean portGiven) {
        if (port < 1 || port > 65535) throw new UsageException("PORT must be between 1 and 65535, not " + port);
        for (int n : connections) {
            if (n < 1) throw new UsageException("--connections must be at least 1, not " + n);
        }
        if (iterations < 1) throw new UsageException("--iterations must be at least 1, not " + iterations);
        if (payload.bytes() < 1) throw new UsageException("--payload must be at least 1 byte, not " + payload);
        if (buffer.bytes() < 1 || buffer.bytes() > (64L << 20)) {
            throw new UsageException("--buffer must be between 1B and 64MiB, not " + buffer);
        }
        if (sampleIntervalMs < 0) throw new UsageException("--sample-interval must be 0 (off) or more milliseconds");
        if (loops < 0) throw new UsageException("--loops must be 0 (one per core) or more");
        if (!path.startsWith("/")) throw new UsageException("--path must start with '/', not '" + path + "'");
        RunSpec.Selector selectorKind = selector == null ? RunSpec.Selector.MODELS_OWN
                : choice("--selector", RunSpec.Selector.class, selector, RunSpec.Selector.MODELS_OWN);
        RunSpec.StartPriority priority = choice("--start-priority", RunSpec.StartPriority.class, startPriority);
        if (priority == RunSpec.StartPriority.REALTIME) {
            String why = RealtimeStart.check();
            if (why != null) throw new UsageException("--start-priority realtime: " + why);
        }
        CpuList clientPinning = cpus("--client-cpus", clientCpus);
        CpuList serverPinning = cpus("--server-cpus", serverCpus);
        ServerKind kind = choice("--server", ServerKind.class, server);
        if (serverCpus != null && kind == ServerKind.EXTERNAL) {
            throw new UsageException("--server-cpus places a server the tool starts; with --server external there is none");
        }
        LinkSpec linkSpec = null;
        if (link != null) {
            try {
                linkSpec = LinkSpec.parse(link);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (kind == ServerKind.EXTERNAL) {
                throw new UsageException("--link runs the server behind the emulated link, so it needs a server the "
                        + "tool starts (--server embedded, lighttpd or nginx), not external");
            }
            if (!List.of("127.0.0.1", "localhost").contains(address)) {
                throw new UsageException("--link chooses the server's address itself; give no ADDRESS");
            }
        }
        List<Model> chosen;
        try {
            chosen = ModelRegistry.parse(models);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        WorkloadSpec work = workload.toSpec(kind);
        return new RunSpec(chosen, connections, iterations, payload.bytes(),
                new RunSpec.Target(address, port, portGiven, path, follow, kind, linkSpec, serverPinning),
                new RunSpec.Client((int) buffer.bytes(), selectorKind, loops, Duration.ofMillis(connectTimeoutMs),
                        Duration.ofMillis(readTimeoutMs), verify, work.warmupRound(), priority, clientPinning),
                Duration.ofMillis(sampleIntervalMs), label, work);
    }

    /** The constant an option names; anything else is a one-line usage error listing what it accepts. */
    @SafeVarargs
    private static <E extends Enum<E>> E choice(String option, Class<E> type, String text, E... notNamed) {
        return RunSpec.fromOption(type, text).filter(c -> !List.of(notNamed).contains(c))
                .orElseThrow(() -> new UsageException(option + " must be " + RunSpec.optionNames(type, notNamed)
                        + ", not '" + text + "'"));
    }

    /** An option's CPU list, checked to be one whose CPUs this process may all use; null when not given. */
    private static CpuList cpus(String option, String text) {
        if (text == null) return null;
        CpuList cpus;
        CpuList allowed;
        try {
            cpus = CpuList.parse(text);
            allowed = CpuList.allowed();
        } catch (IllegalArgumentException | IOException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
        if (!allowed.containsAll(cpus)) {
            throw new UsageException(option + " " + text + ": this process may run on CPUs " + allowed + " only");
        }
        return cpus;
    }
}
