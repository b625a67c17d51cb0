package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import netoverhead.result.Figure;
import netoverhead.result.RunResult;

/**
 * One self-contained HTML page for one or several runs: what was measured and where, the Haiku suite's table,
 * charts as inline SVG (bars drawn directly, curves by XChart) with one colour and marker per model across
 * every chart, the errors per kind, and the full configuration. Runs of rr, churn and idle have their own
 * charts ({@link RrCharts}, {@link ConnectionCharts}) in place of the download charts. No script, no style sheet
 * or font from elsewhere: it opens offline.
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
            table.haiku td{text-align:right;white-space:nowrap}
            .charts{display:flex;flex-wrap:wrap;gap:1.5em}
            figure.chart{margin:0;border:1px solid #ddd;padding:.5em;width:min-content}
            figcaption{font-weight:bold}.note{font-size:.85em;color:#555;margin:.2em 0}
            .legend{max-width:1400px}.legend span{display:inline-block;margin-right:1em;font-size:.85em;white-space:nowrap}
            .legend i{display:inline-block;width:1.2em;height:.7em;margin-right:.2em;vertical-align:middle}
            .legend svg.marker{vertical-align:middle;margin-right:.3em}
            #measured th{white-space:nowrap}
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
        SeriesStyles styles = SeriesStyles.of(rows);
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>netoverhead report</title>\n")
                .append("<style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>netoverhead report</h1>\n<h2 id=\"what\">What was measured</h2>\n")
                .append(RunDescription.measured(results));

        sb.append("<h2 id=\"table\">Results</h2>\n<p class=\"note\">Means over iterations, as the run printed them.</p>\n")
                .append(Html.fromMarkdown(HaikuTable.render(results)));
        for (OperationTable table : OperationTable.all()) {
            // what each operation table says under it: how latency is read, n/a system calls, clock ticks, the rate
            List<ReportRow> of = table.rowsOf(rows);
            if (of.isEmpty()) continue;
            for (String note : table.notes().apply(of)) {
                sb.append("<p class=\"note ").append(table.kind()).append("-note\">").append(Html.escape(note))
                        .append("</p>\n");
            }
        }

        sb.append("<h2 id=\"series\">Models</h2>\n<p class=\"note\">Each model has this colour and marker in "
                + "every chart.</p>\n<div class=\"legend\" id=\"series-legend\">");
        for (SeriesStyles.Style st : styles.all()) {
            legendEntry(sb, new RenderedChart.Legend(st.name(), st.color(), st.marker()));
        }
        sb.append("</div>\n");

        // rows of rr, churn and idle have charts of their own; a page of bulk rows alone is drawn as it always was
        List<ReportRow> bulk = available.stream().filter(r -> r.result().settings().workloadOrBulk().bulk()).toList();
        List<ReportRow> requests = available.stream().filter(r -> !r.result().settings().workloadOrBulk().bulk())
                .toList();
        List<RenderedChart> charts = new ArrayList<>();
        if (!bulk.isEmpty() || requests.isEmpty()) {
            for (Figure f : SWEEP_FIGURES) charts.add(SweepChart.render(f, bulk, styles));
            for (Figure f : BAR_FIGURES) charts.add(ModelBarChart.render(f, bulk, styles));
        }
        for (OperationTable table : OperationTable.all()) charts.addAll(charts(table, table.rowsOf(requests), styles));
        charts.removeIf(Objects::isNull);
        section(sb, "figures", "Figures per model", charts);
        if (!bulk.isEmpty() || requests.isEmpty()) {
            section(sb, "downloads", "Download time distribution", DownloadDistribution.charts(bulk, styles));
            percentiles(sb, DownloadDistribution.table(bulk, styles));
        }
        section(sb, "memory", "Memory over time", MemoryCurves.charts(available, styles));

        sb.append("<h2 id=\"job-errors\">Errors</h2>\n").append(JobErrors.html(JobErrors.of(rows, styles)));
        sb.append("<h2 id=\"configuration\">Environment and configuration</h2>\n");
        for (RunResult r : results) sb.append(RunDescription.details(r));
        return sb.append("</body></html>\n").toString();
    }

    /** The charts of one workload of operations. */
    private static List<RenderedChart> charts(OperationTable table, List<ReportRow> rows, SeriesStyles styles) {
        if (rows.isEmpty()) return List.of();
        if (table == ChurnTable.TABLE) return ConnectionCharts.churn(rows, styles);
        if (table == IdleTable.TABLE) return ConnectionCharts.idle(rows, styles);
        return RrCharts.charts(rows, styles);
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
            for (RenderedChart.Legend l : c.legend()) legendEntry(sb, l);
            sb.append("</div>\n").append(c.svg()).append("\n<p class=\"note\">").append(Html.escape(c.note()))
                    .append("</p>\n</figure>\n");
        }
        sb.append("</div>\n");
    }

    /** A colour swatch, the marker in that colour, and the name. */
    private static void legendEntry(StringBuilder sb, RenderedChart.Legend l) {
        String colour = ChartSvg.css(l.color());
        sb.append("<span><i style=\"background:").append(colour).append("\"></i>")
                .append("<svg class=\"marker\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\">")
                .append(l.marker().svgPolygon(6, 6, 11, colour)).append("</svg>")
                .append(Html.escape(l.name())).append("</span>");
    }

    private static void percentiles(StringBuilder sb, List<DownloadDistribution.Percentiles> table) {
        if (table.isEmpty()) return;
        double max = table.stream().mapToDouble(DownloadDistribution.Percentiles::maxNs).max().orElse(0);
        Units.TimeScale t = Units.TimeScale.fitting(max);
        sb.append("<table class=\"haiku\" id=\"percentiles\"><thead><tr><th>Download time (").append(t.symbol())
                .append(")</th><th>connections</th>");
        for (double p : DownloadDistribution.TABLE_PERCENTILES) sb.append("<th>p").append(Numbers.sig6(p)).append("</th>");
        sb.append("<th>max</th></tr></thead><tbody>\n");
        for (DownloadDistribution.Percentiles row : table) {
            sb.append("<tr><th>").append(Html.escape(row.row())).append("</th><td>").append(row.count()).append("</td>");
            for (double ns : row.ns()) sb.append("<td>").append(Numbers.significant(ns / t.nanos(), 4)).append("</td>");
            sb.append("<td>").append(Numbers.significant(row.maxNs() / t.nanos(), 4)).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }
}
