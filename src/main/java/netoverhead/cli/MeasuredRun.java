package netoverhead.cli;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import netoverhead.harness.Progress;
import netoverhead.harness.RunHook;
import netoverhead.harness.RunSpec;
import netoverhead.harness.Runner;
import netoverhead.os.ProcessAffinity;
import netoverhead.process.Binaries;
import netoverhead.process.ChildProcesses;
import netoverhead.result.Environment;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;

/**
 * What every command that runs models does with its {@link RunSpec}: opens the target (the link, the server,
 * a free port), keeps the harness off the clients' CPUs, runs the one {@link Runner} with the command's hooks,
 * and hands the results to the command's output, complete or, when the tool is interrupted, as far as they go.
 */
final class MeasuredRun {
    /** Where a command's results go. */
    interface Output {
        void finished(RunResult result) throws IOException;

        /** Called from the shutdown hook with what was measured before the interrupt: write it, say so, never throw. */
        void interrupted(RunResult soFar);
    }

    private MeasuredRun() {}

    /**
     * @param profiler what the figures are measured under, for the results; null for nothing
     * @return the finished run, or null when the tool was interrupted (the output has its results then)
     */
    static RunResult execute(RunSpec spec, Environment env, String profiler, List<RunHook> hooks, Progress progress,
                             Output output) throws IOException, InterruptedException {
        Runner runner = new Runner(spec, progress, hooks);
        String startedAt = now();
        try (RunTarget target = RunTarget.open(spec, MeasuredRun::say)) {
            RunSettings settings = spec.settings(target.host(), target.port(), target.path(), target.server(), target.linkLabel(),
                    profiler);
            Thread onInterrupt = new Thread(() -> {
                try {
                    runner.awaitEnd(10_000); // the iteration under way is cut short and left out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                output.interrupted(new RunResult("netoverhead", env, settings, startedAt, now(), false,
                        runner.snapshot()));
            });
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            List<ModelRun> runs;
            // the server is up already: only the harness moves, the server keeps the CPUs it was given
            try (ProcessAffinity away = harnessOffClientCpus(spec)) {
                runs = runner.run(spec.clientPlan(target.host(), target.port(), target.path()), target.server());
            }
            if (ChildProcesses.stopping()) return null; // interrupted: the shutdown hook writes the results
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            RunResult result = new RunResult("netoverhead", env, settings, startedAt, now(), true, runs);
            output.finished(result);
            return result;
        }
    }

    /**
     * Keeps the harness's own threads off the clients' CPUs until closed: nothing to do when the clients are not
     * pinned, or have every CPU; a move that fails is said, and the run goes on.
     */
    private static ProcessAffinity harnessOffClientCpus(RunSpec spec) {
        if (spec.client().cpus() == null) return ProcessAffinity.NONE;
        try {
            return ProcessAffinity.keepOff(spec.client().cpus(), Binaries.require("taskset", "util-linux"),
                    MeasuredRun::say);
        } catch (ProcessAffinity.NowhereElse e) {
            say(e.getMessage());
        } catch (IOException e) {
            say("warning: " + e.getMessage());
        }
        return ProcessAffinity.NONE;
    }

    static void say(String message) {
        System.err.println("netoverhead: " + message);
    }

    static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    }
}
