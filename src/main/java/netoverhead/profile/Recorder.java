package netoverhead.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import netoverhead.harness.IterationRunner;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.NativeModel;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.server.ServerHandle;

/**
 * Runs one iteration of one model under Java Flight Recorder (and perf, with --kernel) through the normal
 * harness, and writes the recording and its summaries into the output directory as {@code <stem>.jfr},
 * {@code <stem>.txt}, {@code <stem>.perf.data} and {@code <stem>.perf.txt}.
 */
public final class Recorder {
    /**
     * @param perf         null without --kernel
     * @param launchPrefix what goes ahead of each child's command ({@code taskset -c 1}), or nothing
     */
    public record Setup(Recipe recipe, Path outDir, Perf perf, long sampleIntervalNanos, long stallTimeoutNanos,
                        List<String> launchPrefix) {}

    /**
     * What one iteration left: its result (null when the model was not run), the files written, and what
     * went wrong with the recording, each in one line.
     */
    public record Outcome(IterationResult result, List<Path> files, List<String> problems) {}

    private final Setup setup;

    public Recorder(Setup setup) {
        this.setup = setup;
    }

    /** JVM flags that make a child record itself; public so that the results can list them. */
    public static List<String> jfrFlags(Path recording, Path settings) {
        return List.of("-XX:StartFlightRecording=name=netoverhead,filename=" + recording.toAbsolutePath()
                        + ",settings=" + settings.toAbsolutePath() + ",dumponexit=true",
                // The child's stdout carries the protocol, where JFR would say "Started recording". Turning
                // jfr+startup off is not enough: JFR then enables it on stdout itself. Configured for errors
                // on stderr, it stays where it is put.
                "-Xlog:jfr+startup=error:stderr");
    }

    /** Flags that let perf walk and name Java frames: frame pointers, and a map of JIT code written at exit. */
    public static List<String> perfFlags() {
        return List.of("-XX:+PreserveFramePointer", "-XX:+UnlockDiagnosticVMOptions", "-XX:+DumpPerfMapAtExit");
    }

    public Outcome record(Model model, ClientPlan plan, int iteration, long payloadBytes, ServerHandle server,
                          String stem, LongConsumer progress) throws IOException, InterruptedException {
        Recipe recipe = setup.recipe();
        boolean jfr = !(model instanceof NativeModel);
        List<Path> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!jfr && setup.perf() == null) {
            problems.add(model.name() + " is a native program: Java Flight Recorder cannot record it, so it was "
                    + "skipped (--kernel records it with perf)");
            return new Outcome(null, files, problems);
        }
        Path dir = setup.outDir();
        Path recording = dir.resolve(stem + ".jfr");
        Path summary = dir.resolve(stem + ".txt");
        Path perfData = dir.resolve(stem + ".perf.data");
        Path perfText = dir.resolve(stem + ".perf.txt");
        for (Path old : List.of(recording, summary, perfData, perfText)) Files.deleteIfExists(old);

        Path jfc = Files.createTempFile("netoverhead-" + recipe.prefix(), ".jfc");
        try {
            List<String> flags = new ArrayList<>();
            if (jfr) flags.addAll(jfrFlags(recording, recipe.settings().write(jfc)));
            if (setup.perf() != null && jfr && recipe.perfUse() == Perf.Use.SAMPLE) flags.addAll(perfFlags());
            PerfAttachment attachment = setup.perf() == null ? null
                    : new PerfAttachment(setup.perf(), recipe.perfUse(), perfData);
            // perf attaches while the child waits for GO, so that it records the whole measured window
            IterationRunner runner = new IterationRunner(new IterationRunner.Options(setup.sampleIntervalNanos(),
                    flags, 60_000_000_000L, setup.stallTimeoutNanos(), 0, attachment, setup.launchPrefix()));
            IterationResult result = runner.run(model, plan, iteration, payloadBytes, server, progress);
            if (result.failure() != null) problems.add(model.name() + ": the iteration failed: " + result.failure());

            if (jfr) {
                if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                    files.add(recording);
                    String title = recipe.what() + " of model '" + model.name() + "' (" + model.label() + "), "
                            + plan.connections() + " connections x " + payloadBytes + " bytes, iteration " + iteration;
                    Files.writeString(summary, JfrSummaries.summarise(recording, title, recipe.summaries().get())
                            .replaceFirst("\n", "\n" + figuresLine(result, setup.perf() != null) + "\n"));
                    files.add(summary);
                } else {
                    problems.add(model.name() + ": the child wrote no Flight Recorder file");
                }
            }
            if (attachment != null) {
                try {
                    long pid = attachment.finish();
                    files.add(perfData);
                    PerfReport.write(setup.perf(), recipe.perfUse(), perfData, perfText, pid);
                    files.add(perfText);
                } catch (IOException e) {
                    problems.add(model.name() + ": " + e.getMessage());
                }
            }
            return new Outcome(result, files, problems);
        } finally {
            Files.deleteIfExists(jfc);
        }
    }

    /** The harness's own figures of the recorded iteration, marked as measured under the profiler. */
    static String figuresLine(IterationResult result, boolean withPerf) {
        IterationFigures f = result.figures();
        String under = withPerf ? "JFR and perf" : "JFR";
        if (f == null || f.runS() == null) return "measured under " + under + ": no figures (" + result.failure() + ")";
        return String.format("measured under %s (not comparable with unprofiled runs): run time %.3f s, aggregate "
                        + "%s MiB/s, CPU user %s s, system %s s, %d failed jobs", under, f.runS(),
                f.aggregateMibps() == null ? "n/a" : String.format("%.1f", f.aggregateMibps()),
                f.cpuUserS() == null ? "n/a" : String.format("%.3f", f.cpuUserS()),
                f.cpuSysS() == null ? "n/a" : String.format("%.3f", f.cpuSysS()), f.errors());
    }
}
