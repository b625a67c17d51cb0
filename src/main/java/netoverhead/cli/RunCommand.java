package netoverhead.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import netoverhead.harness.EnvironmentProbe;
import netoverhead.harness.IterationRunner;
import netoverhead.harness.Progress;
import netoverhead.harness.Runner;
import netoverhead.model.Model;
import netoverhead.result.Environment;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerLauncher;
import netoverhead.server.ServerSpec;
import netoverhead.server.link.EmulatedLink;
import netoverhead.server.link.LinkSpec;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the benchmark: for each model, ITERATIONS fresh client processes each open N connections "
                + "and download the payload on every one; print the seed's table and write JSON and CSV.",
                "Exit status: 0 every job succeeded, 1 some job failed (results still written), 2 bad usage."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Model> models = options.validate();
        Preflight.checkFileLimit(options.connections);
        ResultWriter writer = new ResultWriter(options.out, options.json, options.csv, options.markdown, options.force,
                stem(models));
        writer.checkTargets();

        Progress progress = options.noProgress ? Progress.NONE : new StderrProgress();
        IterationRunner.Options watch = new IterationRunner.Options(options.sampleIntervalMs * 1_000_000L, List.of(),
                60_000_000_000L, (options.connectTimeoutMs + options.readTimeoutMs + 15_000L) * 1_000_000L, 0);
        Runner runner = new Runner(new IterationRunner(watch), progress);
        Environment env = EnvironmentProbe.detect(List.of());
        String startedAt = now();

        java.util.function.Consumer<String> log = message -> System.err.println("netoverhead: " + message);
        try (EmulatedLink link = options.link == null ? null : EmulatedLink.create(LinkSpec.parse(options.link), log)) {
            ServerSpec where = serverSpec(link, log);
            try (ServerHandle server = ServerLauncher.open(options.server, where, log)) {
                RunSettings settings = settings(models, server, where, link);
                Runner.Plan plan = new Runner.Plan(models, options.connections, options.iterations,
                        options.clientPlan(where.host(), where.port()), server.payloadBytes());
                Thread onInterrupt = new Thread(() -> writer.writeQuietly(
                        new RunResult("netoverhead", env, settings, startedAt, now(), false, runner.snapshot()), true));
                Runtime.getRuntime().addShutdownHook(onInterrupt);
                List<ModelRun> runs = runner.run(plan, server);
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
                RunResult result = new RunResult("netoverhead", env, settings, startedAt, now(), true, runs);
                System.out.print(netoverhead.report.SeedTable.render(List.of(result)));
                System.out.flush();
                writer.write(result, false);
                return anyFailure(runs) ? ExitCodes.FAILED : ExitCodes.OK;
            }
        }
    }

    /**
     * Where the server runs: at the target, or inside the link's namespace at its address there. A lighttpd or
     * nginx the tool starts takes a free port when PORT was not given and the default one is taken.
     */
    private ServerSpec serverSpec(EmulatedLink link, java.util.function.Consumer<String> log) throws java.io.IOException {
        int most = options.connections.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (link == null) {
            int port = options.port;
            boolean portGiven = spec.commandLine().getParseResult().hasMatchedPositional(1);
            if (List.of("lighttpd", "nginx").contains(options.server) && !portGiven
                    && netoverhead.server.HttpProbe.listening(options.address, port, 2000)) {
                try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1,
                        java.net.InetAddress.getByName(options.address))) {
                    port = free.getLocalPort();
                }
                log.accept(options.address + ":" + options.port + " is taken; " + options.server + " gets port " + port
                        + " instead (give PORT to choose one)");
            }
            return ServerSpec.local(options.address, port, options.path, options.payload.bytes(), most);
        }
        return new ServerSpec(link.serverAddress(), options.port, options.path, options.payload.bytes(), most,
                link.execPrefix());
    }

    /** The settings as run: the address is the one the client connected to, the link's where there is one. */
    private RunSettings settings(List<Model> models, ServerHandle server, ServerSpec where, EmulatedLink link) {
        return new RunSettings(models.stream().map(Model::name).toList(), options.connections, options.iterations,
                server.payloadBytes(), where.host(), where.port(), options.path, options.server,
                server.description(), (int) options.buffer.bytes(), options.selector, options.loops,
                options.sampleIntervalMs, options.connectTimeoutMs, options.readTimeoutMs, options.verify,
                link == null ? null : link.label(), null);
    }

    static boolean anyFailure(List<ModelRun> runs) {
        for (ModelRun run : runs) {
            for (IterationResult it : run.iterations()) {
                if (!it.ok() || it.figures().errors() > 0) return true;
            }
        }
        return false;
    }

    private static String stem(List<Model> models) {
        String names = String.join("-", models.stream().map(Model::name).toList());
        if (names.length() > 60) names = models.size() + "-models";
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + names;
    }

    private static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    }
}
