package netoverhead.report;

import java.util.List;
import java.util.Map;

import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.Stat;

/**
 * The seed's table, column for column and unit for unit, with means over iterations; and under it the
 * figures the seed lacked. Several runs (machines, OSes, JDKs) render into one table, a row per model.
 */
public final class SeedTable {
    public static final String HEADER =
            "| Setup | Socket creation time | Job setup time | Download | Run time | Average memory consumption |";
    public static final String DETAIL_HEADER =
            "| Setup | Aggregate throughput | Peak memory | Memory per connection | CPU user | CPU system | Errors |";

    private SeedTable() {}

    public static String render(List<RunResult> results) {
        boolean sweep = results.stream().flatMap(r -> r.runs().stream()).map(ModelRun::connections).distinct().count() > 1;
        StringBuilder main = new StringBuilder(HEADER).append('\n').append("|---|---|---|---|---|---|\n");
        StringBuilder detail = new StringBuilder(DETAIL_HEADER).append('\n').append("|---|---|---|---|---|---|---|\n");
        for (RunResult result : results) {
            for (ModelRun run : result.runs()) {
                String label = RowLabel.of(result.environment(), result.settings(), run, sweep);
                if (run.unavailable() != null) {
                    String cell = "unavailable: " + escape(run.unavailable());
                    main.append("| ").append(label).append(" | ").append(cell).append(" | | | | |\n");
                    detail.append("| ").append(label).append(" | ").append(cell).append(" | | | | | |\n");
                    continue;
                }
                Map<String, Stat> s = run.summary();
                main.append("| ").append(label)
                        .append(" | ").append(value(s, "socket_create_us", "us"))
                        .append(" | ").append(value(s, "job_setup_us", "us"))
                        .append(" | ").append(value(s, "download_s", "s")).append(" @ ").append(value(s, "download_mibps", "MiB/s"))
                        .append(" | ").append(value(s, "run_s", "s"))
                        .append(" | ").append(value(s, "memory_avg_mib", "MiB"))
                        .append(" |\n");
                detail.append("| ").append(label)
                        .append(" | ").append(value(s, "aggregate_mibps", "MiB/s"))
                        .append(" | ").append(value(s, "memory_peak_mib", "MiB"))
                        .append(" | ").append(value(s, "memory_per_connection_kib", "KiB"))
                        .append(" | ").append(value(s, "cpu_user_s", "s"))
                        .append(" | ").append(value(s, "cpu_sys_s", "s"))
                        .append(" | ").append(errors(run))
                        .append(" |\n");
            }
        }
        return main + "\n" + detail;
    }

    private static String value(Map<String, Stat> summary, String key, String unit) {
        Stat stat = summary == null ? null : summary.get(key);
        return stat == null ? "n/a" : Numbers.sig6(stat.mean()) + " " + unit;
    }

    /** Failed jobs over all iterations, by kind, and iterations whose child failed. */
    static String errors(ModelRun run) {
        int total = 0;
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        int failedIterations = 0;
        for (var it : run.iterations()) {
            if (it.figures() != null) total += it.figures().errors();
            it.errorsByKind().forEach((k, v) -> kinds.merge(k, v, Integer::sum));
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

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
