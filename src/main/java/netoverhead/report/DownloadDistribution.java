package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;

/**
 * The distribution of per-connection download times, from every job of every counted iteration (its child
 * completed and no job failed: {@link IterationResult#counted()}), kept in an HdrHistogram (three significant
 * digits): a percentile table and a percentile curve per model.
 */
public final class DownloadDistribution {
    /** Percentiles of the table. */
    public static final double[] TABLE_PERCENTILES = {50, 90, 99, 99.9};

    private DownloadDistribution() {}

    /** One model run's download times in nanoseconds over its counted iterations, or null when there are none. */
    public static Histogram histogram(List<IterationResult> iterations) {
        Histogram h = new Histogram(3);
        for (IterationResult it : iterations) {
            if (!it.counted() || it.jobs() == null) continue;
            for (JobResult job : it.jobs()) {
                long ns = job.downloadNs();
                if (ns >= 0) h.recordValue(ns);
            }
        }
        return h.getTotalCount() == 0 ? null : h;
    }

    /** Percentiles in nanoseconds for the table: p50, p90, p99, p99.9, max, and how many connections. */
    public record Percentiles(String row, long count, double[] ns, double maxNs) {}

    static List<Percentiles> table(List<ReportRow> rows, SeriesStyles styles) {
        boolean sweep = ReportRow.sweep(rows);
        List<Percentiles> table = new ArrayList<>();
        for (ReportRow row : rows) {
            Histogram h = histogram(row.run().iterations());
            if (h == null) continue;
            double[] ns = new double[TABLE_PERCENTILES.length];
            for (int i = 0; i < ns.length; i++) ns[i] = h.getValueAtPercentile(TABLE_PERCENTILES[i]);
            String name = styles.of(row).name() + (sweep ? ", " + row.run().connections() + " connections" : "");
            table.add(new Percentiles(name, h.getTotalCount(), ns, h.getMaxValue()));
        }
        return table;
    }

    /** One chart per environment and connection count, one percentile curve per model. */
    static List<RenderedChart> charts(List<ReportRow> rows, SeriesStyles styles) {
        return GroupCharts.render(rows, styles, new GroupCharts.Kind() {
            @Override
            public String id() {
                return "download-distribution";
            }

            @Override
            public String title() {
                return "Download time distribution";
            }

            @Override
            public GroupCharts.Curve curve(ReportRow row) {
                Histogram h = histogram(row.run().iterations());
                if (h == null) return null;
                double[] x = curvePercentiles();
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) y[i] = h.getValueAtPercentile(x[i]);
                return new GroupCharts.Curve(row, x, y, "", "");
            }

            @Override
            public GroupCharts.Axes axes(List<GroupCharts.Curve> curves) {
                double max = curves.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.y())).max().orElse(0);
                Units.TimeScale t = Units.TimeScale.fitting(max);
                double[] y = GroupCharts.fit(curves, true, t.nanos());
                return new GroupCharts.Axes("percentile of connections", 1, 0.0, 100.0,
                        "download time (" + t.symbol() + ")", t.nanos(), Math.max(0, y[0]), y[1]);
            }

            @Override
            public String note(List<GroupCharts.Curve> curves) {
                return "Per-connection download time over every connection of every counted iteration "
                        + "(no failed job; HdrHistogram, 3 significant digits): the value below which that percentile of "
                        + "connections finished.";
            }
        });
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
