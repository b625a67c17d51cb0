package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import netoverhead.config.Size;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.os.CpuList;
import netoverhead.os.ProcessAffinity;
import netoverhead.process.Binaries;

/**
 * The options of a benchmark run, shared by every command that runs models. Defaults are the seed's:
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
            description = "Payload size: bytes with a KiB, MiB or GiB suffix, a bare number is MiB "
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

    /** --client-cpus and --server-cpus as {@link #validate()} parsed them; null when not given. */
    private CpuList clientPinning;
    private CpuList serverPinning;

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

    @Option(names = "--no-warmup",
            description = "Measure cold JVMs: skip the round each Java client runs against a loopback server of its "
                    + "own before the measured window, which moves the JIT's work out of it.")
    public boolean noWarmup;

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

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the JSON here.")
    public Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the CSV here.")
    public Path csv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the tables here.")
    public Path markdown;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report (charts) here.")
    public Path html;

    @Option(names = "--force", description = "Overwrite files named by --json, --csv, --markdown and --html.")
    public boolean force;

    @Option(names = "--no-progress", description = "Print no progress on stderr.")
    public boolean noProgress;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "A name for this run, recorded in the results and shown on its rows when runs are merged.")
    public String label;

    /** Checks what picocli cannot: ranges and names. Throws a {@link UsageException} with one line. */
    public List<Model> validate() {
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
        if (selector != null && !List.of("poll", "epoll", "default").contains(selector)) {
            throw new UsageException("--selector must be poll, epoll or default, not '" + selector + "'");
        }
        if (!List.of("normal", "realtime").contains(startPriority)) {
            throw new UsageException("--start-priority must be normal or realtime, not '" + startPriority + "'");
        }
        if (realtimeStart()) {
            String why = netoverhead.os.RealtimeStart.check();
            if (why != null) throw new UsageException("--start-priority realtime: " + why);
        }
        clientPinning = cpus("--client-cpus", clientCpus);
        serverPinning = cpus("--server-cpus", serverCpus);
        if (serverCpus != null && server.equals("external")) {
            throw new UsageException("--server-cpus places a server the tool starts; with --server external there is none");
        }
        if (!netoverhead.server.ServerLauncher.KINDS.contains(server)) {
            throw new UsageException("--server must be embedded, lighttpd, nginx or external, not '" + server + "'");
        }
        if (link != null) {
            try {
                netoverhead.server.link.LinkSpec.parse(link);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (server.equals("external")) {
                throw new UsageException("--link runs the server behind the emulated link, so it needs a server the "
                        + "tool starts (--server embedded, lighttpd or nginx), not external");
            }
            if (!List.of("127.0.0.1", "localhost").contains(address)) {
                throw new UsageException("--link chooses the server's address itself; give no ADDRESS");
            }
        }
        try {
            return ModelRegistry.parse(models);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
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

    /** {@code taskset -c LIST} for the clients, or nothing when --client-cpus is not given. */
    public List<String> clientPrefix() throws IOException {
        return prefix(clientPinning);
    }

    /** {@code taskset -c LIST} for the server the tool starts, or nothing when --server-cpus is not given. */
    public List<String> serverPrefix() throws IOException {
        return prefix(serverPinning);
    }

    /**
     * Keeps the harness's own threads off the clients' CPUs until closed: nothing to do when the clients are not
     * pinned, or have every CPU; a move that fails is said, and the run goes on.
     */
    public ProcessAffinity harnessOffClientCpus(Consumer<String> log) {
        if (clientPinning == null) return ProcessAffinity.NONE;
        try {
            return ProcessAffinity.keepOff(clientPinning, Binaries.require("taskset", "util-linux"), log);
        } catch (ProcessAffinity.NowhereElse e) {
            log.accept(e.getMessage());
        } catch (IOException e) {
            log.accept("warning: " + e.getMessage());
        }
        return ProcessAffinity.NONE;
    }

    /** --client-cpus in its shortest form ("0-0" is "0"), for the results; null when not given. */
    public String clientCpuList() {
        return clientPinning == null ? null : clientPinning.toString();
    }

    /** --server-cpus in its shortest form, for the results; null when not given. */
    public String serverCpuList() {
        return serverPinning == null ? null : serverPinning.toString();
    }

    private static List<String> prefix(CpuList cpus) throws IOException {
        return cpus == null ? List.of() : cpus.commandPrefix(Binaries.require("taskset", "util-linux"));
    }

    /** The client plan for the given server address, before the sweep sets the connection count. */
    public ClientPlan clientPlan(String host, int targetPort) {
        return new ClientPlan(host, targetPort, path, connections.getFirst(), (int) buffer.bytes(), connectTimeoutMs,
                readTimeoutMs, selector, loops, verify, netoverhead.http.ResponseParser.DEFAULT_MAX_HEAD_BYTES,
                realtimeStart(), !noWarmup);
    }

    public boolean realtimeStart() {
        return "realtime".equals(startPriority);
    }
}
