package netoverhead.profile;

import java.util.List;
import java.util.function.Supplier;

/**
 * What one of the recording commands records: the file prefix, the Flight Recorder settings, the summary
 * sections, and what perf does under {@code --kernel}.
 *
 * @param prefix   the start of every file name: {@code profile}, {@code sched}
 * @param what     how the summary's title names the recording
 * @param perfUse  what perf records with --kernel
 */
public record Recipe(String prefix, String what, JfrSettings settings, Supplier<List<JfrSummary>> summaries,
                     Perf.Use perfUse) {

    public static Recipe profile() {
        return new Recipe("profile", "Profile", JfrSettings.forProfile(),
                () -> List.of(new HotMethods(), new SocketIo(), new GcAndAllocation(), new ThreadsStarted()),
                Perf.Use.SAMPLE);
    }

    public static Recipe scheduling() {
        return new Recipe("sched", "Thread scheduling", JfrSettings.forScheduling(),
                () -> List.of(new ThreadScheduling(), new VirtualThreadsAndSwitches(), new ThreadsStarted()),
                Perf.Use.SCHED);
    }

    /** The profiler's name for the results' labels: "[under JFR]". */
    public String profilerName(boolean withPerf) {
        return withPerf ? "JFR and perf" : "JFR";
    }
}
