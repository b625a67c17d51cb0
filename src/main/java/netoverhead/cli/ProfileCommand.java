package netoverhead.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import netoverhead.profile.Recipe;

@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run each model once under Java Flight Recorder and write profile_<model>.jfr (open it in "
                + "JDK Mission Control or with 'jfr print') and profile_<model>.txt: the hottest methods, socket "
                + "reads and writes, GC pauses and allocation rate, threads started. Files go to the current "
                + "directory or --out; figures measured under the profiler go to profile_<model>.json, never to "
                + "the results directory.",
                "Exit status: 0 every recording and job succeeded, 1 something failed, 2 bad usage."})
public final class ProfileCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--kernel", description = "Also record kernel and Java stacks with 'perf record -g' into "
            + "profile_<model>.perf.data and summarise them in profile_<model>.perf.txt.")
    boolean kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return RecordingRun.run(options, spec, kernel, Recipe.profile());
    }
}
