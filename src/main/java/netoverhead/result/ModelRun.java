package netoverhead.result;

import java.util.List;
import java.util.Map;

/**
 * All iterations of one model at one connection count, and their summary per figure (keyed by the CSV
 * column names, see {@link Figure}).
 *
 * @param unavailable why the model could not run here, or null
 */
public record ModelRun(String model, String label, int connections, String unavailable,
                       List<IterationResult> iterations, Map<String, Stat> summary) {}
