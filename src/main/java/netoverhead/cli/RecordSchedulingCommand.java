package netoverhead.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import netoverhead.profile.Recipe;

@Command(name = "record-scheduling", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run each model once under Java Flight Recorder with the thread scheduling events (thread "
                + "start and end, park, sleep, monitor wait, virtual threads, thread CPU load, context switch "
                + "rate) and write sched_<model>.jfr and sched_<model>.txt, a summary per thread. Files go to "
                + "the current directory or --out.",
                "Exit status: 0 every recording and job succeeded, 1 something failed, 2 bad usage."})
public final class RecordSchedulingCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--kernel", description = "Also record the scheduler with 'perf sched record' into "
            + "sched_<model>.perf.data and write its 'perf sched latency' summary to sched_<model>.perf.txt.")
    boolean kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RecordingRun.run(options, spec, kernel, Recipe.scheduling());
    }
}
