package netoverhead.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.ModelRun;

/** A row's failed jobs and failed iterations: counted in a table cell, and spelled out with their first message. */
final class ErrorNotes {
    private ErrorNotes() {}

    /** Failed jobs over all iterations, by kind, and iterations whose child failed: {@code 4 (4 truncated); 1 failed iteration}. */
    static String counts(ModelRun run) {
        int total = 0;
        Map<String, Integer> kinds = new TreeMap<>();
        int failedIterations = 0;
        for (IterationResult it : run.iterations()) {
            if (it.figures() != null) total += it.figures().errors();
            if (it.errorsByKind() != null) it.errorsByKind().forEach((k, v) -> kinds.merge(k, v, Integer::sum));
            if (!it.ok()) failedIterations++;
        }
        StringBuilder sb = new StringBuilder(Integer.toString(total));
        if (!kinds.isEmpty()) {
            sb.append(" (");
            kinds.forEach((k, v) -> sb.append(v).append(' ').append(k).append(", "));
            sb.setLength(sb.length() - 2);
            sb.append(')');
        }
        if (failedIterations > 0) sb.append("; ").append(failedIterations).append(" failed iteration")
                .append(failedIterations > 1 ? "s" : "");
        return sb.toString();
    }

    /**
     * One line per row and kind of error, with the first message seen:
     * {@code Threaded: 4 truncated, first: connection closed after 1000 of 4000 body bytes (iteration 1)}.
     */
    static List<String> lines(List<ReportRow> rows) {
        List<String> lines = new ArrayList<>();
        for (ReportRow row : rows) {
            String name = row.name().replace("`", "");
            Map<String, Integer> counts = new TreeMap<>();
            Map<String, String> first = new LinkedHashMap<>();
            int failed = 0;
            String firstFailure = null;
            for (IterationResult it : row.run().iterations()) {
                if (it.errorsByKind() != null) it.errorsByKind().forEach((k, v) -> counts.merge(k, v, Integer::sum));
                for (JobResult job : it.jobs() == null ? List.<JobResult>of() : it.jobs()) {
                    if (job.failed() && job.message() != null) {
                        first.putIfAbsent(job.error(), job.message() + " (iteration " + it.iteration() + ")");
                    }
                }
                if (!it.ok()) {
                    failed++;
                    if (firstFailure == null) firstFailure = it.failure() + " (iteration " + it.iteration() + ")";
                }
            }
            counts.forEach((kind, n) -> lines.add(name + ": " + n + " " + kind
                    + (first.containsKey(kind) ? ", first: " + first.get(kind) : unreported(kind))));
            if (failed > 0) {
                lines.add(name + ": " + failed + " failed iteration" + (failed > 1 ? "s" : "") + ", first: " + firstFailure);
            }
        }
        return lines;
    }

    private static String unreported(String kind) {
        return kind.equals("unreported") ? ": jobs the client never reported, as its process ended first" : "";
    }
}
