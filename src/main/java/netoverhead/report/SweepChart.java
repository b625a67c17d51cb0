package netoverhead.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;

import netoverhead.result.Figure;
import netoverhead.result.OperationUnit;
import netoverhead.result.Stat;

/**
 * One figure against the connection count of a sweep, one line per model in its colour and marker;
 * logarithmic axes where the values span a factor of ten or more.
 */
public final class SweepChart {
    private SweepChart() {}

    /** The chart, or null when the rows hold fewer than two connection counts or no value of this figure. */
    static RenderedChart render(Figure figure, List<ReportRow> rows, SeriesStyles styles) {
        if (!ReportRow.sweep(rows)) return null;
        List<ReportRow> measured = rows.stream().filter(r -> r.stat(figure.key()) != null).toList();
        if (measured.isEmpty()) return null;
        // one line per series: a model of a run, named uniquely by SeriesStyles
        Map<String, List<ReportRow>> lines = ReportRow.groupBy(measured, r -> styles.of(r).name());
        double min = measured.stream().mapToDouble(r -> r.stat(figure.key()).mean()).min().orElse(0);
        double max = measured.stream().mapToDouble(r -> r.stat(figure.key()).mean()).max().orElse(0);
        // a log axis cannot show zero or less (memory per connection can come out below the baseline), and
        // XChart labels only powers of ten on it, so values within one decade read better on a linear axis
        boolean logValues = min > 0 && max / min >= 10;
        int fewest = measured.stream().mapToInt(r -> r.run().connections()).min().orElse(1);
        int most = measured.stream().mapToInt(r -> r.run().connections()).max().orElse(1);
        boolean logConnections = fewest > 0 && most / (double) fewest >= 10;

        OperationUnit operation = ReportRow.operation(rows);
        XYChart chart = ChartSvg.xyChart("connections", figure.title(operation) + " (" + figure.unit(operation) + ")");
        chart.getStyler().setXAxisLogarithmic(logConnections);
        chart.getStyler().setYAxisLogarithmic(logValues);
        List<RenderedChart.Legend> legend = new ArrayList<>();
        for (var entry : lines.entrySet()) {
            List<ReportRow> points = entry.getValue().stream()
                    .sorted(Comparator.comparingInt(r -> r.run().connections())).toList();
            double[] x = points.stream().mapToDouble(r -> r.run().connections()).toArray();
            double[] y = points.stream().map(r -> r.stat(figure.key())).mapToDouble(Stat::mean).toArray();
            SeriesStyles.Style style = styles.of(points.get(0));
            GroupCharts.addCurve(chart, style, x, y);
            legend.add(new RenderedChart.Legend(style.name(), style.color(), style.marker()));
        }
        String note = "Mean over iterations at each connection count; " + (logConnections ? "logarithmic" : "linear")
                + " connection axis; " + (logValues ? "logarithmic value axis." : "linear value axis (the values span "
                + "less than a factor of ten, or some are zero or less).");
        return new RenderedChart("sweep-" + figure.key(), figure.title(operation) + " against connections", note,
                legend,
                ChartSvg.render(chart));
    }
}
