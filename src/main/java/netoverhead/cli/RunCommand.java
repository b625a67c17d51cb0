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
import netoverhead.os.ProcessAffinity;
import netoverhead.process.ChildProcesses;
import netoverhead.result.Environment;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;
import netoverhead.server.ServerHandle;

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
        Preflight.tcpMemoryWarning(options.connections, options.payload.bytes())
                .ifPresent(w -> System.err.println("netoverhead: " + w));
        ResultWriter writer = new ResultWriter(options.out, options.json, options.csv, options.markdown, options.html,
                options.force,
                stem(models));
        writer.checkTargets();

        Progress progress = options.noProgress ? Progress.NONE : new StderrProgress();
        IterationRunner.Options watch = new IterationRunner.Options(options.sampleIntervalMs * 1_000_000L, List.of(),
                60_000_000_000L, (options.connectTimeoutMs + options.readTimeoutMs + 15_000L) * 1_000_000L, 0,
                IterationRunner.BeforeGo.NOTHING, options.clientPrefix());
        Runner runner = new Runner(new IterationRunner(watch), progress);
        Environment env = EnvironmentProbe.detect(List.of());
        String startedAt = now();

        boolean portGiven = spec.commandLine().getParseResult().hasMatchedPositional(1);
        try (RunTarget target = RunTarget.open(options, portGiven, RunCommand::say)) {
            ServerHandle server = target.server();
            RunSettings settings = settings(models, target);
            Runner.Plan plan = new Runner.Plan(models, options.connections, options.iterations,
                    options.clientPlan(target.host(), target.port()), server.payloadBytes());
            Thread onInterrupt = new Thread(() -> {
                try {
                    runner.awaitEnd(10_000); // the iteration under way is cut short and left out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                writer.writeQuietly(new RunResult("netoverhead", env, settings, startedAt, now(), false,
                        runner.snapshot()), true);
            });
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            List<ModelRun> runs;
            // the server is up already: only the harness moves, the server keeps the CPUs it was given
            try (ProcessAffinity away = options.harnessOffClientCpus(RunCommand::say)) {
                runs = runner.run(plan, server);
            }
            if (ChildProcesses.stopping()) return ExitCodes.FAILED; // interrupted: the shutdown hook writes the results
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            RunResult result = new RunResult("netoverhead", env, settings, startedAt, now(), true, runs);
            System.out.print(netoverhead.report.SeedTable.render(List.of(result)));
            System.out.flush();
            writer.write(result, false);
            return anyFailure(runs) ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /** The settings as run: the address is the one the clients connected to (the link's, behind a link). */
    private RunSettings settings(List<Model> models, RunTarget target) {
        ServerHandle server = target.server();
        return new RunSettings(models.stream().map(Model::name).toList(), options.connections, options.iterations,
                server.payloadBytes(), target.host(), target.port(), options.path, options.server,
                server.description(), (int) options.buffer.bytes(), options.selector, options.loops,
                options.sampleIntervalMs, options.connectTimeoutMs, options.readTimeoutMs, options.verify,
                target.linkLabel(), null, options.clientCpuList(), options.serverCpuList(), !options.noWarmup,
                options.startPriority, options.label);
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

    private static void say(String message) {
        System.err.println("netoverhead: " + message);
    }

    private static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    }
}
