package netoverhead.report;

import java.util.List;

import netoverhead.result.Figure;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * One row per model per connection count per iteration, with the stable columns of docs/measuring.md: the
 * run's keys, every figure that is a CSV column in {@link Figure}'s order, then the workload, the operation
 * workloads' columns (empty on bulk rows) and the label. Rows of rr, churn and idle leave the bulk-only columns
 * (download, aggregate throughput) empty, and a sweep over response sizes is rows whose payload_bytes is the
 * response size; idle's rows, which carry no payload, leave payload_bytes empty. Every iteration has its row,
 * counted or not: one that is left out of the means has errors above 0. The label is the run's {@code --label};
 * when several runs are merged and a run has none, it is what tells that run apart from the others.
 */
public final class CsvReport {
    public static final String HEADER = "model,connections,payload_bytes,iteration,"
            + String.join(",", Figure.csvColumns().stream().map(Figure::key).toList())
            + ",workload," + String.join(",", Figure.operationColumns().stream().map(Figure::key).toList())
            + ",label";

    private CsvReport() {}

    public static String render(List<RunResult> results) {
        RunDifferences differences = RunDifferences.of(results);
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (RunResult result : results) {
            String workload = result.settings().workloadOrBulk().kind();
            String label = cell(differences.label(result));
            for (ModelRun run : result.runs()) {
                // the response size of a step of a sweep; the payload otherwise; none for idle, whose connections
                // carry heartbeats only
                String payload = run.responseBytes() != null ? Long.toString(run.responseBytes())
                        : workload.equals("idle") ? "" : Long.toString(result.settings().payloadBytes());
                for (IterationResult it : run.iterations()) {
                    sb.append(run.model()).append(',').append(run.connections()).append(',')
                            .append(payload).append(',').append(it.iteration());
                    for (Figure f : Figure.csvColumns()) sb.append(',').append(value(f, it, run.connections()));
                    sb.append(',').append(workload);
                    for (Figure f : Figure.operationColumns()) sb.append(',').append(value(f, it, run.connections()));
                    sb.append(',').append(label).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** One figure of one iteration, empty where it was not measured or has no meaning for the workload. */
    private static String value(Figure f, IterationResult it, int connections) {
        Double v = f.of(it, connections);
        return f.integral() && v != null ? Long.toString(v.longValue()) : Numbers.plain(v);
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
