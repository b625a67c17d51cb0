package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import netoverhead.result.Environment;
import netoverhead.result.Figure;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;

/**
 * One self-contained HTML page for one or several runs: environment, configuration, the seed's table, and
 * charts drawn by XChart as inline SVG. No script, no style sheet or font from elsewhere: it opens offline.
 */
public final class HtmlReport {
    /** Figures drawn per model as bars. */
    public static final List<Figure> BAR_FIGURES = List.of(Figure.AGGREGATE_MIBPS, Figure.MEMORY_PER_CONNECTION_KIB,
            Figure.CPU_S_PER_GIB, Figure.SOCKET_CREATE_US, Figure.JOB_SETUP_US);
    /** Figures drawn against the connection count when a sweep has several. */
    public static final List<Figure> SWEEP_FIGURES = List.of(Figure.AGGREGATE_MIBPS, Figure.MEMORY_PER_CONNECTION_KIB,
            Figure.RUN_S);

    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em auto;max-width:1500px;color:#222;padding:0 1em}
            h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
            table.seed td{text-align:right;white-space:nowrap}
            .charts{display:flex;flex-wrap:wrap;gap:1.5em}
            figure.chart{margin:0;border:1px solid #ddd;padding:.5em;width:642px}
            figcaption{font-weight:bold}.note{font-size:.85em;color:#555;margin:.2em 0}
            .legend span{display:inline-block;margin-right:1em;font-size:.85em}
            .legend i{display:inline-block;width:1.2em;height:.7em;margin-right:.3em;vertical-align:middle}
            .warn{color:#a00}
            """;

    static {
        // the charts are drawn off screen; never look for a display
        System.setProperty("java.awt.headless", "true");
    }

    private HtmlReport() {}

    public static String render(List<RunResult> results) {
        List<ReportRow> rows = ReportRow.of(results);
        List<ReportRow> available = rows.stream().filter(r -> r.run().unavailable() == null).toList();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>netoverhead report</title>\n")
                .append("<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>netoverhead report</h1>\n<p>").append(Html.escape(summary(results))).append("</p>\n");

        sb.append("<h2 id=\"table\">Results</h2>\n<p class=\"note\">Means over iterations, as the run printed them.</p>\n")
                .append(Html.fromMarkdown(SeedTable.render(results)));

        List<RenderedChart> charts = new ArrayList<>();
        for (Figure f : SWEEP_FIGURES) charts.add(SweepChart.render(f, available));
        for (Figure f : BAR_FIGURES) charts.add(ModelBarChart.render(f, available));
        charts.removeIf(Objects::isNull);
        section(sb, "figures", "Figures per model", charts);
        section(sb, "downloads", "Download time distribution", DownloadDistribution.charts(available));
        percentiles(sb, DownloadDistribution.table(available));
        section(sb, "memory", "Memory over time", MemoryCurves.charts(available));

        sb.append("<h2 id=\"environment\">Environment</h2>\n");
        for (RunResult r : results) sb.append(environment(r));
        sb.append("<h2 id=\"configuration\">Configuration</h2>\n");
        for (RunResult r : results) sb.append(configuration(r));
        return sb.append("</body></html>\n").toString();
    }

    private static String summary(List<RunResult> results) {
        List<String> parts = new ArrayList<>();
        for (RunResult r : results) {
            RunSettings s = r.settings();
            parts.add(RowLabel.setup(r.environment()) + ": " + String.join(", ", s.models()) + "; connections "
                    + s.connections().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + "; "
                    + s.iterations() + " iterations; payload " + s.payloadBytes() + " bytes; started "
                    + r.startedAt() + (r.complete() ? "" : " (incomplete: interrupted)"));
        }
        return String.join(" | ", parts);
    }

    private static void section(StringBuilder sb, String id, String title, List<RenderedChart> charts) {
        sb.append("<h2 id=\"").append(id).append("\">").append(Html.escape(title)).append("</h2>\n");
        if (charts.isEmpty()) {
            sb.append("<p class=\"warn\">n/a: nothing was measured for these charts.</p>\n");
            return;
        }
        sb.append("<div class=\"charts\">\n");
        for (RenderedChart c : charts) {
            sb.append("<figure class=\"chart\" id=\"").append(Html.escape(c.id())).append("\">\n<figcaption>")
                    .append(Html.escape(c.title())).append("</figcaption>\n<div class=\"legend\">");
            for (RenderedChart.Legend l : c.legend()) {
                sb.append("<span><i style=\"background:").append(ChartSvg.css(l.color())).append("\"></i>")
                        .append(Html.escape(l.name())).append("</span>");
            }
            sb.append("</div>\n").append(c.svg()).append("\n<p class=\"note\">").append(Html.escape(c.note()))
                    .append("</p>\n</figure>\n");
        }
        sb.append("</div>\n");
    }

    private static void percentiles(StringBuilder sb, List<DownloadDistribution.Percentiles> table) {
        if (table.isEmpty()) return;
        sb.append("<table class=\"seed\" id=\"percentiles\"><thead><tr><th>Download time (ms)</th><th>connections</th>");
        for (double p : DownloadDistribution.TABLE_PERCENTILES) sb.append("<th>p").append(Numbers.sig6(p)).append("</th>");
        sb.append("<th>max</th></tr></thead><tbody>\n");
        for (DownloadDistribution.Percentiles row : table) {
            sb.append("<tr><th>").append(Html.escape(row.row())).append("</th><td>").append(row.count()).append("</td>");
            for (double ms : row.ms()) sb.append("<td>").append(Numbers.significant(ms, 4)).append("</td>");
            sb.append("<td>").append(Numbers.significant(row.maxMs(), 4)).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static String environment(RunResult r) {
        Environment e = r.environment();
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"setup", RowLabel.setup(e)});
        kv.add(new String[] {"OS", e.os() + " " + e.kernel()});
        kv.add(new String[] {"architecture", e.arch()});
        kv.add(new String[] {"CPU", e.cpu() + " (" + e.cores() + " cores)"});
        kv.add(new String[] {"memory", Numbers.significant(e.memoryBytes() / (double) (1L << 30), 4) + " GiB"});
        kv.add(new String[] {"JDK", e.jdk() + " (" + e.jdkVendor() + ")"});
        kv.add(new String[] {"child JVM flags", e.jvmFlags() == null ? "" : String.join(" ", e.jvmFlags())});
        kv.add(new String[] {"tool", r.tool() + " " + e.toolVersion()});
        kv.add(new String[] {"host", e.hostname()});
        kv.add(new String[] {"started", r.startedAt()});
        kv.add(new String[] {"finished", r.finishedAt() + (r.complete() ? "" : " (interrupted)")});
        return Html.definitions(kv);
    }

    private static String configuration(RunResult r) {
        RunSettings s = r.settings();
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"setup", RowLabel.setup(r.environment())});
        kv.add(new String[] {"models", String.join(", ", s.models())});
        kv.add(new String[] {"connections", s.connections().toString()});
        kv.add(new String[] {"iterations", Integer.toString(s.iterations())});
        kv.add(new String[] {"payload", s.payloadBytes() + " bytes"});
        kv.add(new String[] {"server", s.server() + ": " + s.serverDescription()});
        kv.add(new String[] {"target", s.address() + ":" + s.port() + s.path()});
        kv.add(new String[] {"read buffer", s.bufferBytes() + " bytes"});
        kv.add(new String[] {"selector", s.selector() == null ? "model default" : s.selector()});
        kv.add(new String[] {"event loops", s.loops() == 0 ? "one per core" : Integer.toString(s.loops())});
        kv.add(new String[] {"memory sampling", "every " + s.sampleIntervalMs() + " ms"});
        kv.add(new String[] {"timeouts", "connect " + s.connectTimeoutMs() + " ms, read " + s.readTimeoutMs() + " ms"});
        kv.add(new String[] {"verify bodies", Boolean.toString(s.verify())});
        kv.add(new String[] {"JVM warm-up round", s.warmup() ? "yes" : "no"});
        kv.add(new String[] {"thread-per-job start", s.startPriorityOrNormal()});
        if (s.link() != null) kv.add(new String[] {"link", s.link()});
        if (s.clientCpus() != null) kv.add(new String[] {"client CPUs", s.clientCpus()});
        if (s.serverCpus() != null) kv.add(new String[] {"server CPUs", s.serverCpus()});
        if (s.profiler() != null) kv.add(new String[] {"profiler", s.profiler()});
        return Html.definitions(kv);
    }
}
