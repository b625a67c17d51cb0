package netoverhead.result;

import java.util.List;
import java.util.Map;

/**
 * All iterations of one model at one connection count, and their summary per figure (keyed by the CSV
 * column names, see {@link Figure}) over the iterations that are counted.
 *
 * @param unavailable why the model could not run here, or null
 */
public record ModelRun(String model, String label, int connections, String unavailable,
                       List<IterationResult> iterations, Map<String, Stat> summary) {

    /** How many iterations enter the summary. */
    public int countedIterations() {
        return (int) iterations.stream().filter(IterationResult::counted).count();
    }

    /** Whether some iteration ran but is left out of the summary. */
    public boolean partlyCounted() {
        return countedIterations() < iterations.size();
    }
}
