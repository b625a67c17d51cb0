package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;

/**
 * The distribution of per-connection download times, from every successful job of every iteration, kept in
 * an HdrHistogram (three significant digits): a percentile table and a percentile curve per model.
 */
public final class DownloadDistribution {
    /** Percentiles of the table. */
    public static final double[] TABLE_PERCENTILES = {50, 90, 99, 99.9};

    private DownloadDistribution() {}

    /** One model run's download times in nanoseconds, or null when no job succeeded. */
    public static Histogram histogram(List<IterationResult> iterations) {
        Histogram h = new Histogram(3);
        for (IterationResult it : iterations) {
            if (it.jobs() == null) continue;
            for (JobResult job : it.jobs()) {
                long ns = job.downloadNs();
                if (ns >= 0) h.recordValue(ns);
            }
        }
        return h.getTotalCount() == 0 ? null : h;
    }

    /** Percentiles in milliseconds for the table: p50, p90, p99, p99.9, max, and how many connections. */
    public record Percentiles(String row, long count, double[] ms, double maxMs) {}

    static List<Percentiles> table(List<ReportRow> rows) {
        boolean several = ReportRow.severalSetups(rows);
        boolean sweep = ReportRow.sweep(rows);
        List<Percentiles> table = new ArrayList<>();
        for (ReportRow row : rows) {
            Histogram h = histogram(row.run().iterations());
            if (h == null) continue;
            double[] ms = new double[TABLE_PERCENTILES.length];
            for (int i = 0; i < ms.length; i++) ms[i] = h.getValueAtPercentile(TABLE_PERCENTILES[i]) / 1e6;
            String name = (several ? row.setup() + " " : "") + row.model()
                    + (sweep ? ", " + row.run().connections() + " connections" : "");
            table.add(new Percentiles(name, h.getTotalCount(), ms, h.getMaxValue() / 1e6));
        }
        return table;
    }

    /** One chart per environment and connection count, one percentile curve per model. */
    static List<RenderedChart> charts(List<ReportRow> rows) {
        List<RenderedChart> charts = new ArrayList<>();
        Map<String, List<ReportRow>> groups = ReportRow.byEnvironmentAndConnections(rows);
        int g = 0;
        for (var group : groups.entrySet()) {
            g++;
            XYChart chart = ChartSvg.xyChart("percentile of connections", "download time (ms)");
            chart.getStyler().setXAxisMin(0.0);
            chart.getStyler().setXAxisMax(100.0);
            List<RenderedChart.Legend> legend = new ArrayList<>();
            int index = 0;
            for (ReportRow row : group.getValue()) {
                Histogram h = histogram(row.run().iterations());
                if (h == null) continue;
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (double p : curvePercentiles()) {
                    x.add(p);
                    y.add(h.getValueAtPercentile(p) / 1e6);
                }
                var series = chart.addSeries(row.model(), x, y);
                series.setMarker(SeriesMarkers.NONE);
                legend.add(new RenderedChart.Legend(row.model(), ChartSvg.color(index++)));
            }
            if (legend.isEmpty()) continue;
            charts.add(new RenderedChart("download-distribution-" + g, "Download time distribution, " + group.getKey(),
                    "Per-connection download time over every successful connection of every iteration "
                            + "(HdrHistogram, 3 significant digits): the value below which that percentile of "
                            + "connections finished.", legend, ChartSvg.render(chart)));
        }
        return charts;
    }

    private static double[] curvePercentiles() {
        double[] p = new double[104];
        for (int i = 0; i <= 100; i++) p[i] = i;
        p[101] = 99.5;
        p[102] = 99.9;
        p[103] = 99.99;
        java.util.Arrays.sort(p);
        return p;
    }
}
