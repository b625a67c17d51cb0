package netoverhead.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import netoverhead.harness.RunHook;
import netoverhead.model.Model;
import netoverhead.model.NativeModel;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;

/**
 * Records each iteration of the run under Java Flight Recorder (and perf, with --kernel), attached to the
 * runner as a {@link RunHook}: the child is given its recording flags before it starts, perf attaches while
 * the child waits for GO, and after the iteration the recording and its summaries are written into the output
 * directory as {@code <stem>.jfr}, {@code <stem>.txt}, {@code <stem>.perf.data} and {@code <stem>.perf.txt}.
 * The stem is the recipe's prefix and the model, with the connection count in a sweep and the iteration when
 * there are several: {@code profile_poll}, {@code sched_threaded_100c_2}.
 */
public final class Recorder implements RunHook {
    /**
     * @param perf null without --kernel
     * @param log  where each file written and each problem with a recording is said, in one line
     */
    public record Setup(Recipe recipe, Path outDir, Perf perf, Consumer<String> log) {}

    private final Setup setup;
    private boolean troubled;
    /** The current iteration's: its Flight Recorder settings file and perf attachment (null without --kernel). */
    private Path jfc;
    private PerfAttachment attachment;

    public Recorder(Setup setup) {
        this.setup = setup;
    }

    /** Whether a recording went wrong or an iteration failed: the command then ends with a failure status. */
    public boolean troubled() {
        return troubled;
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

    @Override
    public String refusal(Model model) {
        if (model instanceof NativeModel && setup.perf() == null) {
            return "a native program: Java Flight Recorder cannot record it (--kernel records it with perf)";
        }
        return null;
    }

    @Override
    public List<String> beforeIteration(Iteration it) throws IOException {
        Recipe recipe = setup.recipe();
        for (Path old : List.of(recording(it), summary(it), perfData(it), perfText(it))) Files.deleteIfExists(old);
        jfc = Files.createTempFile("netoverhead-" + recipe.prefix(), ".jfc");
        attachment = setup.perf() == null ? null : new PerfAttachment(setup.perf(), recipe.perfUse(), perfData(it));
        List<String> flags = new ArrayList<>();
        if (isJvm(it)) {
            flags.addAll(jfrFlags(recording(it), recipe.settings().write(jfc)));
            if (setup.perf() != null && recipe.perfUse() == Perf.Use.SAMPLE) flags.addAll(perfFlags());
        }
        return flags;
    }

    /** perf attaches while the child waits for GO, so that it records the whole measured window. */
    @Override
    public void beforeWindow(Iteration it, long pid) throws IOException, InterruptedException {
        if (attachment != null) attachment.childReady(pid);
    }

    @Override
    public void afterIteration(Iteration it, IterationResult result) throws InterruptedException {
        try {
            Path recording = recording(it);
            if (result != null) {
                write(it, result);
            } else if (Files.isRegularFile(recording) && Files.size(recording) == 0) {
                Files.delete(recording); // the child was stopped before it could dump its recording
            }
        } catch (IOException e) {
            problem(it.model().name() + ": " + e.getMessage());
        } finally {
            attachment = null;
            try {
                if (jfc != null) Files.deleteIfExists(jfc);
            } catch (IOException e) {
                problem(e.getMessage());
            }
            jfc = null;
        }
    }

    private void write(Iteration it, IterationResult result) throws InterruptedException {
        Model model = it.model();
        if (result.failure() != null) problem(model.name() + ": the iteration failed: " + result.failure());
        if (isJvm(it)) {
            Path recording = recording(it);
            try {
                if (Files.isRegularFile(recording) && Files.size(recording) > 0) {
                    wrote(recording);
                    String title = setup.recipe().what() + " of model '" + model.name() + "' (" + model.label()
                            + "), " + it.plan().connections() + " connections x " + it.payloadBytes()
                            + " bytes, iteration " + it.index();
                    Files.writeString(summary(it), JfrSummaries.summarise(recording, title,
                                    setup.recipe().summaries().get())
                            .replaceFirst("\n", "\n" + figuresLine(result, setup.perf() != null) + "\n"));
                    wrote(summary(it));
                } else {
                    problem(model.name() + ": the child wrote no Flight Recorder file");
                }
            } catch (IOException e) {
                problem(model.name() + ": " + e.getMessage());
            }
        }
        if (attachment != null) {
            try {
                long pid = attachment.finish();
                wrote(perfData(it));
                PerfReport.write(setup.perf(), setup.recipe().perfUse(), perfData(it), perfText(it), pid);
                wrote(perfText(it));
            } catch (IOException e) {
                problem(model.name() + ": " + e.getMessage());
            }
        }
    }

    private void wrote(Path file) {
        setup.log().accept("wrote " + file);
    }

    private void problem(String line) {
        troubled = true;
        setup.log().accept(line);
    }

    private static boolean isJvm(Iteration it) {
        return !(it.model() instanceof NativeModel);
    }

    private String stem(Iteration it) {
        return setup.recipe().prefix() + "_" + it.model().name()
                + (it.sweep() ? "_" + it.plan().connections() + "c" : "")
                + (it.iterations() > 1 ? "_" + it.index() : "");
    }

    private Path recording(Iteration it) {
        return setup.outDir().resolve(stem(it) + ".jfr");
    }

    private Path summary(Iteration it) {
        return setup.outDir().resolve(stem(it) + ".txt");
    }

    private Path perfData(Iteration it) {
        return setup.outDir().resolve(stem(it) + ".perf.data");
    }

    private Path perfText(Iteration it) {
        return setup.outDir().resolve(stem(it) + ".perf.txt");
    }

    /**
     * The harness's own figures of the recorded iteration, marked as measured under the profiler; without
     * figures, why: the child's failure, or that no job both started and ended (a run time needs both).
     */
    static String figuresLine(IterationResult result, boolean withPerf) {
        IterationFigures f = result.figures();
        String under = withPerf ? "JFR and perf" : "JFR";
        if (f == null || f.runS() == null) {
            String why = result.failure() != null ? result.failure()
                    : f == null ? "the child reported none"
                    : "no job both started and ended; " + f.errors() + (f.errors() == 1 ? " failed job" : " failed jobs");
            return "measured under " + under + ": no figures (" + why + ")";
        }
        return String.format("measured under %s (not comparable with unprofiled runs): run time %.3f s, aggregate "
                        + "%s MiB/s, CPU user %s s, system %s s, %d failed jobs", under, f.runS(),
                f.aggregateMibps() == null ? "n/a" : String.format("%.1f", f.aggregateMibps()),
                f.cpuUserS() == null ? "n/a" : String.format("%.3f", f.cpuUserS()),
                f.cpuSysS() == null ? "n/a" : String.format("%.3f", f.cpuSysS()), f.errors());
    }
}
