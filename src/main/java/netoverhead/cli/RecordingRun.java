package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import netoverhead.harness.Aggregator;
import netoverhead.harness.EnvironmentProbe;
import netoverhead.harness.Progress;
import netoverhead.harness.Runner;
import netoverhead.model.Availability;
import netoverhead.model.Model;
import netoverhead.os.ProcessAffinity;
import netoverhead.profile.Perf;
import netoverhead.profile.Recipe;
import netoverhead.profile.Recorder;
import netoverhead.report.OutputFormat;
import netoverhead.result.Environment;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerLauncher;
import netoverhead.server.ServerSpec;

/**
 * What profile and record-scheduling share: the run options, one iteration per model unless --iterations
 * says otherwise, files into the current directory or --out, and figures that are marked as measured under
 * a profiler and kept out of the results directory.
 */
final class RecordingRun {
    private RecordingRun() {}

    static int run(RunOptions options, CommandSpec spec, boolean kernel, Recipe recipe) throws Exception {
        List<Model> models = options.validate();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--json", "--csv", "--markdown")) {
            if (parsed.hasMatchedOption(option)) {
                throw new UsageException(option + " is not used by " + spec.name() + ": it writes "
                        + recipe.prefix() + "_<model>.json next to its recordings");
            }
        }
        // --out defaults to the results directory for run; recordings go to the current directory instead,
        // so that figures measured under a profiler never sit among the normal results
        Path out = parsed.hasMatchedOption("--out") ? options.out : Path.of(".");
        int iterations = parsed.hasMatchedOption("--iterations") ? options.iterations : 1;
        if (out.toAbsolutePath().toString().contains(",")) {
            throw new UsageException("--out must not contain a comma (the JVM's recording option cannot hold one): " + out);
        }
        Preflight.checkFileLimit(options.connections);
        Files.createDirectories(out);
        if (!Files.isWritable(out)) throw new UsageException(out + " is not writable");
        Perf perf = null;
        if (kernel) {
            try {
                perf = Perf.forUse(recipe.perfUse());
            } catch (Perf.PerfUnavailable e) {
                throw new IOException("--kernel: " + e.getMessage());
            }
        }

        Progress progress = options.noProgress ? Progress.NONE : new StderrProgress();
        long stall = (options.connectTimeoutMs + options.readTimeoutMs + 15_000L) * 1_000_000L;
        Recorder recorder = new Recorder(new Recorder.Setup(recipe, out, perf, options.sampleIntervalMs * 1_000_000L, stall,
                options.clientPrefix()));
        String profiler = recipe.profilerName(perf != null);
        List<String> childFlags = new ArrayList<>(Recorder.jfrFlags(out.resolve("FILE.jfr"), Path.of("SETTINGS.jfc")));
        if (perf != null && recipe.perfUse() == Perf.Use.SAMPLE) childFlags.addAll(Recorder.perfFlags());
        Environment env = EnvironmentProbe.detect(childFlags);
        boolean failed = false;

        int most = options.connections.stream().mapToInt(Integer::intValue).max().orElse(1);
        ServerSpec serverSpec = ServerSpec.local(options.address, options.port, options.path, options.payload.bytes(),
                most).pinnedBy(options.serverPrefix());
        Consumer<String> say = message -> System.err.println("netoverhead: " + message);
        // in this order: the server starts on the CPUs it was given, then the harness leaves the clients' CPUs
        try (ServerHandle server = ServerLauncher.open(options.server, serverSpec, say);
             ProcessAffinity away = options.harnessOffClientCpus(say)) {
            long payload = server.payloadBytes();
            int available = (int) models.stream().filter(m -> m.availability().available()).count();
            long bytes = 0;
            for (int n : options.connections) bytes += (long) n * payload * iterations * available;
            progress.planned(available * options.connections.size() * iterations, bytes);
            Runner.Plan plan = new Runner.Plan(models, options.connections, iterations,
                    options.clientPlan(options.address, options.port), payload);
            List<RunResult> results = new ArrayList<>();
            for (Model model : models) {
                String startedAt = now();
                List<ModelRun> runs = new ArrayList<>();
                for (int count : options.connections) {
                    Availability availability = model.availability();
                    if (!availability.available()) {
                        progress.skipped(model.name(), availability.reason());
                        runs.add(new ModelRun(model.name(), model.label(), count, availability.reason(), List.of(), null));
                        continue;
                    }
                    List<IterationResult> done = new ArrayList<>();
                    for (int i = 1; i <= iterations; i++) {
                        String stem = recipe.prefix() + "_" + model.name()
                                + (options.connections.size() > 1 ? "_" + count + "c" : "")
                                + (iterations > 1 ? "_" + i : "");
                        progress.iterationStarted(model.name(), count, i, iterations, count * payload);
                        Recorder.Outcome o = recorder.record(model, plan.clientFor(count), i, payload, server, stem, progress::bytes);
                        if (o.result() != null) {
                            progress.iterationFinished(model.name(), count, o.result());
                            done.add(o.result());
                            failed |= !o.result().ok() || o.result().figures().errors() > 0;
                        }
                        for (String problem : o.problems()) System.err.println("netoverhead: " + problem);
                        failed |= !o.problems().isEmpty() && o.result() != null;
                        for (Path file : o.files()) System.err.println("netoverhead: wrote " + file);
                    }
                    if (!done.isEmpty()) {
                        runs.add(new ModelRun(model.name(), model.label(), count, null, done,
                                Aggregator.summary(done, count)));
                    }
                }
                if (runs.isEmpty()) continue;
                RunResult result = new RunResult("netoverhead", env, settings(options, model, iterations, server,
                        profiler), startedAt, now(), true, runs);
                Path json = out.resolve(recipe.prefix() + "_" + model.name() + ".json");
                Files.writeString(json, OutputFormat.JSON.render(List.of(result)));
                System.err.println("netoverhead: wrote " + json + " (figures measured under " + profiler + ")");
                results.add(result);
            }
            progress.finished();
            if (!results.isEmpty()) {
                System.out.print(OutputFormat.MARKDOWN.render(results));
                System.out.flush();
            }
        }
        return failed ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static RunSettings settings(RunOptions o, Model model, int iterations, ServerHandle server, String profiler) {
        return new RunSettings(List.of(model.name()), o.connections, iterations, server.payloadBytes(), o.address,
                o.port, o.path, o.server, server.description(), (int) o.buffer.bytes(), o.selector, o.loops,
                o.sampleIntervalMs, o.connectTimeoutMs, o.readTimeoutMs, o.verify, null, profiler, o.clientCpuList(),
                o.serverCpuList(), !o.noWarmup, o.startPriority, o.label);
    }

    private static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    }
}
