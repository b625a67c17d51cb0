package netoverhead.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;

/**
 * The errors of every model run, per kind: how many jobs failed so, and the first message of that kind,
 * so that the page says what went wrong and not only how often. An iteration whose child produced no
 * result is a kind of its own.
 */
final class JobErrors {
    static final String ITERATION_FAILED = "iteration failed";

    private JobErrors() {}

    record Line(String row, String kind, int count, String firstMessage) {}

    static List<Line> of(List<ReportRow> rows, SeriesStyles styles) {
        boolean sweep = ReportRow.sweep(rows);
        List<Line> lines = new ArrayList<>();
        for (ReportRow row : rows) {
            Map<String, int[]> counts = new LinkedHashMap<>();
            Map<String, String> first = new LinkedHashMap<>();
            for (IterationResult it : row.run().iterations()) {
                if (it.failure() != null) {
                    counts.computeIfAbsent(ITERATION_FAILED, k -> new int[1])[0]++;
                    first.putIfAbsent(ITERATION_FAILED, "iteration " + it.iteration() + ": " + it.failure());
                }
                if (it.errorsByKind() != null) {
                    it.errorsByKind().forEach((kind, n) -> counts.computeIfAbsent(kind, k -> new int[1])[0] += n);
                }
                if (it.jobs() == null) continue;
                for (JobResult job : it.jobs()) {
                    if (!job.failed()) continue;
                    counts.computeIfAbsent(job.error(), k -> new int[1]);
                    if (job.message() != null && !job.message().isBlank()) {
                        first.putIfAbsent(job.error(), "iteration " + it.iteration() + ", connection " + job.id()
                                + ": " + job.message());
                    }
                }
            }
            String name = styles.of(row).name() + (sweep ? ", " + row.run().connections() + " connections" : "");
            counts.forEach((kind, n) -> lines.add(new Line(name, kind, n[0], first.getOrDefault(kind, ""))));
        }
        return lines;
    }

    static String html(List<Line> lines) {
        if (lines.isEmpty()) return "<p id=\"errors\">No job failed.</p>\n";
        StringBuilder sb = new StringBuilder("<table id=\"errors\"><thead><tr><th>run</th><th>kind</th>"
                + "<th>count</th><th>first message</th></tr></thead><tbody>\n");
        for (Line l : lines) {
            sb.append("<tr><th>").append(Html.escape(l.row())).append("</th><td>").append(Html.escape(l.kind()))
                    .append("</td><td>").append(l.count()).append("</td><td>").append(Html.escape(l.firstMessage()))
                    .append("</td></tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }
}
