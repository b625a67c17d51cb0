package netoverhead.result;

import java.util.List;
import java.util.Map;

/**
 * One iteration of one model: its figures, its errors by kind, every job's record, the sampled memory
 * curve, and the server's CPU seconds over the window where the server is the tool's own.
 *
 * @param failure why the child produced no complete result (it crashed, hung or could not start), or null
 */
public record IterationResult(int iteration, IterationFigures figures, String failure,
                              Map<String, Integer> errorsByKind, Double serverCpuS, List<JobResult> jobs,
                              List<MemorySample> memory) {

    public boolean ok() {
        return failure == null;
    }
}
