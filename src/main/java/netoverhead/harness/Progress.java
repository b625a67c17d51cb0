package netoverhead.harness;

import netoverhead.result.IterationResult;

/** What a run reports while it goes, for a progress display; the harness knows nothing of how it is shown. */
public interface Progress {
    /** The whole plan: how many iterations and body bytes the run will take. */
    default void planned(int iterations, long bytes) {}

    /** The order of the plan: every connection count, and within each every model that can run here. */
    default void sweep(java.util.List<Integer> connections, java.util.List<String> models) {}

    /** @param expectedBytes the body bytes this iteration should bring */
    default void iterationStarted(String model, int connections, int iteration, int iterations, long expectedBytes) {}

    /** Body bytes the current iteration has read so far (approximate). */
    default void bytes(long soFar) {}

    default void iterationFinished(String model, int connections, IterationResult result) {}

    default void skipped(String model, String reason) {}

    default void finished() {}

    Progress NONE = new Progress() {};
}
