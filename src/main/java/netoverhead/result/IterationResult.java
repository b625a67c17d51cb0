package netoverhead.result;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One iteration of one model: its figures, its errors by kind, every job's record, the sampled memory
 * curve, and the server's CPU seconds over the window where the server is the tool's own.
 *
 * <p>An iteration is counted (enters means, medians, spreads, intervals and comparisons) only when its child
 * completed and every job succeeded; otherwise it keeps its own figures here and in the CSV, and says why it
 * is not counted.
 *
 * @param failure          why the child produced no complete result (it crashed, hung or could not start), or null
 * @param latencyHistogram workloads of operations: the window's latencies, HdrHistogram's compressed encoding in
 *                         base64, null for bulk
 * @param cpuSource        where the CPU figures come from ("cgroup v2", "schedstat", "clock ticks"), null if unknown
 * @param syscallsUnavailable why system calls could not be counted, null where they were (or bulk)
 */
public record IterationResult(int iteration, IterationFigures figures, String failure,
                              Map<String, Integer> errorsByKind, Double serverCpuS, List<JobResult> jobs,
                              List<MemorySample> memory,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String latencyHistogram,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String cpuSource,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String syscallsUnavailable) {

    /** An iteration of bulk, measured as before. */
    public IterationResult(int iteration, IterationFigures figures, String failure, Map<String, Integer> errorsByKind,
                           Double serverCpuS, List<JobResult> jobs, List<MemorySample> memory) {
        this(iteration, figures, failure, errorsByKind, serverCpuS, jobs, memory, null, null, null);
    }

    public boolean ok() {
        return failure == null;
    }

    /** Whether this iteration enters the summary: its child completed and no job failed. */
    @JsonProperty(value = "counted", access = JsonProperty.Access.READ_ONLY)
    public boolean counted() {
        return notCounted() == null;
    }

    /** Why the iteration is left out of every mean, or null when it is counted. */
    @JsonProperty(value = "notCounted", access = JsonProperty.Access.READ_ONLY)
    public String notCounted() {
        if (failure != null) return "the child failed: " + failure;
        if (figures == null) return "no figures";
        if (figures.errors() > 0) return figures.errors() + (figures.errors() == 1 ? " job" : " jobs") + " failed";
        return null;
    }
}
