package netoverhead.result;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * All iterations of one model at one connection count, and their summary per figure (keyed by the CSV
 * column names, see {@link Figure}) over the iterations that are counted.
 *
 * @param unavailable   why the model could not run here, or null
 * @param responseBytes rr: the response size of this step of a sweep; null for bulk
 * @param latency       rr: latency over the counted iterations; null for bulk or when none was counted
 */
public record ModelRun(String model, String label, int connections, String unavailable,
                       List<IterationResult> iterations, Map<String, Stat> summary,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Long responseBytes,
                       @JsonInclude(JsonInclude.Include.NON_NULL) LatencySummary latency) {

    /** A model run of bulk. */
    public ModelRun(String model, String label, int connections, String unavailable, List<IterationResult> iterations,
                    Map<String, Stat> summary) {
        this(model, label, connections, unavailable, iterations, summary, null, null);
    }

    /** How many iterations enter the summary. */
    public int countedIterations() {
        return (int) iterations.stream().filter(IterationResult::counted).count();
    }

    /** Whether some iteration ran but is left out of the summary. */
    public boolean partlyCounted() {
        return countedIterations() < iterations.size();
    }
}
