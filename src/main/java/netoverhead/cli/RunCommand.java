package netoverhead.cli;

import java.io.IOException;
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
import netoverhead.harness.Progress;
import netoverhead.harness.RunSpec;
import netoverhead.model.Model;
import netoverhead.report.OutputFormat;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the benchmark: for each model, ITERATIONS fresh client processes each open N connections "
                + "and run the workload on every one (bulk: download the payload once; rr: many small requests); "
                + "print the table and write JSON and CSV.",
                "Exit status: 0 every job succeeded, 1 some job failed (results still written), 2 bad usage."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean portGiven = spec.commandLine().getParseResult().hasMatchedPositional(1);
        RunSpec run = options.toSpec(portGiven);
        Preflight.check(run);
        ResultWriter writer = new ResultWriter(options.out,
                RunOptions.resultFiles(spec.commandLine().getParseResult()), options.force, stem(run.models()));
        writer.checkTargets();

        Progress progress = options.noProgress ? Progress.NONE : new StderrProgress().of(run.workload().kind());
        RunResult result = MeasuredRun.execute(run, EnvironmentProbe.detect(List.of()), null, List.of(), progress,
                new MeasuredRun.Output() {
                    @Override
                    public void finished(RunResult done) throws IOException {
                        System.out.print(OutputFormat.MARKDOWN.render(List.of(done)));
                        System.out.flush();
                        writer.write(done, false);
                    }

                    @Override
                    public void interrupted(RunResult soFar) {
                        writer.writeQuietly(soFar, true);
                    }
                });
        if (result == null) return ExitCodes.FAILED;
        return anyFailure(result.runs()) ? ExitCodes.FAILED : ExitCodes.OK;
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
}
