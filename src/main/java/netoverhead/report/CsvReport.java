package netoverhead.report;

import java.util.List;

import netoverhead.result.Figure;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * One row per model per connection count per iteration, with the stable columns of docs/measuring.md: the
 * run's keys, every figure that is a CSV column in {@link Figure}'s order, then the workload, the operation
 * workloads' columns (empty on bulk rows) and the label. Every iteration has its row, counted or not: one that is left
 * out of the means has errors above 0. The label is the run's {@code --label}; when several runs are merged
 * and a run has none, it is what tells that run apart from the others.
 */
public final class CsvReport {
    /** The operation workloads' columns (rr, churn, idle), empty on bulk rows. */
    static final List<String> OPERATION_COLUMNS = List.of("duration_s", "operations", "ops_per_s", "latency_p50_us",
            "latency_p90_us", "latency_p99_us", "latency_p999_us", "latency_max_us", "rate_ratio", "cpu_us_per_op",
            "ctx_switches_per_op", "syscalls_per_op");

    public static final String HEADER = "model,connections,payload_bytes,iteration,"
            + String.join(",", Figure.csvColumns().stream().map(Figure::key).toList())
            + ",workload," + String.join(",", OPERATION_COLUMNS) + ",label";

    private CsvReport() {}

    public static String render(List<RunResult> results) {
        RunDifferences differences = RunDifferences.of(results);
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (RunResult result : results) {
            long payload = result.settings().payloadBytes();
            String label = cell(differences.label(result));
            for (ModelRun run : result.runs()) {
                for (IterationResult it : run.iterations()) {
                    sb.append(run.model()).append(',').append(run.connections()).append(',')
                            .append(payload).append(',').append(it.iteration());
                    for (Figure f : Figure.csvColumns()) {
                        Double v = it.figures() == null ? null : f.of(it.figures(), run.connections());
                        sb.append(',').append(f.integral() && v != null ? Long.toString(v.longValue()) : Numbers.plain(v));
                    }
                    sb.append(",bulk").append(",".repeat(OPERATION_COLUMNS.size())).append(',').append(label)
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** A cell as RFC 4180 spells it: quoted when it holds a comma, a quote or a line break. */
    static String cell(String text) {
        if (text == null) return "";
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
