package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import netoverhead.harness.EnvironmentProbe;
import netoverhead.harness.Progress;
import netoverhead.harness.RunSpec;
import netoverhead.profile.Perf;
import netoverhead.profile.Recipe;
import netoverhead.profile.Recorder;
import netoverhead.report.OutputFormat;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * What profile and record-scheduling share: the run options and the one runner, with a {@link Recorder} attached
 * to it; one iteration per model unless --iterations says otherwise; recordings into the current directory or
 * --out, and the figures, marked as measured under the profiler, in {@code <prefix>_<model>.json} beside them,
 * never in the results directory.
 */
final class RecordingRun {
    /** The options that name result files of run's; a recording command writes its own files instead. */
    private static final List<String> RESULT_FILE_OPTIONS = Stream.concat(
            Arrays.stream(OutputFormat.values()).map(RunOptions::fileOption), Stream.of("--force")).toList();

    private RecordingRun() {}

    static int run(RunOptions options, CommandSpec spec, boolean kernel, Recipe recipe) throws Exception {
        ParseResult parsed = spec.commandLine().getParseResult();
        RunSpec run = options.toSpec(parsed.hasMatchedPositional(1));
        for (String option : RESULT_FILE_OPTIONS) {
            if (parsed.hasMatchedOption(option)) {
                throw new UsageException(option + " is not used by " + spec.name() + ": it writes "
                        + recipe.prefix() + "_<model>.json next to its recordings");
            }
        }
        // --out defaults to the results directory for run; recordings go to the current directory instead,
        // so that figures measured under a profiler never sit among the normal results
        Path out = parsed.hasMatchedOption("--out") ? options.out : Path.of(".");
        if (!parsed.hasMatchedOption("--iterations")) run = run.withIterations(1);
        if (out.toAbsolutePath().toString().contains(",")) {
            throw new UsageException("--out must not contain a comma (the JVM's recording option cannot hold one): " + out);
        }
        Preflight.check(run);
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

        Recorder recorder = new Recorder(new Recorder.Setup(recipe, out, perf, MeasuredRun::say));
        String profiler = recipe.profilerName(perf != null);
        List<String> childFlags = new ArrayList<>(Recorder.jfrFlags(out.resolve("FILE.jfr"), Path.of("SETTINGS.jfc")));
        if (perf != null && recipe.perfUse() == Perf.Use.SAMPLE) childFlags.addAll(Recorder.perfFlags());
        Progress progress = options.noProgress ? Progress.NONE : new StderrProgress().of(run.workload().kind());
        RunResult result = MeasuredRun.execute(run, EnvironmentProbe.detect(childFlags), profiler, List.of(recorder),
                progress, new MeasuredRun.Output() {
                    @Override
                    public void finished(RunResult done) throws IOException {
                        List<RunResult> perModel = writePerModel(done, out, recipe, profiler);
                        if (!perModel.isEmpty()) {
                            System.out.print(OutputFormat.MARKDOWN.render(perModel));
                            System.out.flush();
                        }
                    }

                    @Override
                    public void interrupted(RunResult soFar) {
                        try {
                            writePerModel(soFar, out, recipe, profiler);
                        } catch (IOException | RuntimeException e) {
                            MeasuredRun.say("could not write results: " + e.getMessage());
                        }
                    }
                });
        if (result == null) return ExitCodes.FAILED;
        return RunCommand.anyFailure(result.runs()) || recorder.troubled() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /**
     * Splits the run's results by model, in the order the models were given, and writes each model that ran into
     * {@code <prefix>_<model>.json}: every connection count and iteration of that model, with the run's settings.
     */
    private static List<RunResult> writePerModel(RunResult all, Path out, Recipe recipe, String profiler)
            throws IOException {
        List<RunResult> perModel = new ArrayList<>();
        for (String model : all.settings().models()) {
            List<ModelRun> runs = all.runs().stream()
                    .filter(r -> r.model().equals(model) && !r.iterations().isEmpty()).toList();
            if (runs.isEmpty()) continue;
            RunResult result = new RunResult(all.tool(), all.environment(), all.settings().withModels(List.of(model)),
                    all.startedAt(), all.finishedAt(), all.complete(), runs);
            Path json = out.resolve(recipe.prefix() + "_" + model + ".json");
            Files.writeString(json, OutputFormat.JSON.render(List.of(result)));
            MeasuredRun.say("wrote " + json + " (figures measured under " + profiler + ")");
            perModel.add(result);
        }
        return perModel;
    }
}
