package netoverhead.harness;

import java.io.IOException;
import java.util.List;

import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.result.IterationResult;

/**
 * A tool attached to the run's one loop, as a profiler is attached to a benchmark's: the runner calls every
 * hook, in the order given, at the same points of every iteration. The run's figures are measured as always;
 * a hook adds what it records beside them.
 */
public interface RunHook {
    /**
     * One iteration of the sweep as the hooks see it.
     *
     * @param index      1 to {@code iterations}
     * @param sweep      whether the run sweeps several connection counts, so that a count tells iterations apart
     */
    record Iteration(Model model, ClientPlan plan, int index, int iterations, long payloadBytes, boolean sweep) {}

    /** Why this hook cannot attend the model, so that the runner skips it with that reason; null when it can. */
    default String refusal(Model model) {
        return null;
    }

    /**
     * Before the iteration's child starts: JVM options to give it (a native child takes none). An exception fails
     * the iteration with its message, before the child is let go.
     */
    default List<String> beforeIteration(Iteration iteration) throws IOException {
        return List.of();
    }

    /**
     * The child is loaded and waits to be told to start; nothing is measured yet, so that a tool attached here
     * sees the whole measured window. An exception fails the iteration with its message.
     */
    default void beforeWindow(Iteration iteration, long pid) throws IOException, InterruptedException {}

    /**
     * The iteration is over and its child gone; the result is null when the tool stopped during it. What goes
     * wrong here is the hook's to say: the iteration's figures stand.
     */
    default void afterIteration(Iteration iteration, IterationResult result) throws InterruptedException {}
}
