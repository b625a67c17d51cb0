package netoverhead.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One XY chart per environment and connection count, one curve per model run of that group, in the
 * series' colour with its marker: the loop that the download distribution and the memory curves share.
 */
final class GroupCharts {
    /** Marked points per curve: enough to tell the shape, few enough not to hide the line. */
    private static final int MARKS = 8;

    private GroupCharts() {}

    /** One model run's curve, in the data's own units, and what the note says of it. */
    record Curve(ReportRow row, double[] x, double[] y, String legendSuffix, String detail) {}

    /** Axis titles, the divisor that turns the data into the axis' unit, and fixed bounds where wanted. */
    record Axes(String xTitle, double xDivisor, Double xMin, Double xMax, String yTitle, double yDivisor,
                Double yMin, Double yMax) {}

    /** What a kind of group chart draws. */
    interface Kind {
        String id();

        String title();

        /** The row's curve, or null when it has nothing to draw. */
        Curve curve(ReportRow row);

        Axes axes(List<Curve> curves);

        String note(List<Curve> curves);
    }

    static List<RenderedChart> render(List<ReportRow> rows, SeriesStyles styles, Kind kind) {
        List<RenderedChart> charts = new ArrayList<>();
        Map<String, List<ReportRow>> groups = ReportRow.byEnvironmentAndConnections(rows);
        int g = 0;
        for (var group : groups.entrySet()) {
            g++;
            List<Curve> curves = group.getValue().stream().map(kind::curve).filter(c -> c != null && c.x().length > 0)
                    .toList();
            if (curves.isEmpty()) continue;
            Axes axes = kind.axes(curves);
            XYChart chart = ChartSvg.xyChart(axes.xTitle(), axes.yTitle());
            if (axes.xMin() != null) chart.getStyler().setXAxisMin(axes.xMin());
            if (axes.xMax() != null) chart.getStyler().setXAxisMax(axes.xMax());
            if (axes.yMin() != null) chart.getStyler().setYAxisMin(axes.yMin());
            if (axes.yMax() != null) chart.getStyler().setYAxisMax(axes.yMax());
            List<RenderedChart.Legend> legend = new ArrayList<>();
            for (Curve c : curves) {
                SeriesStyles.Style style = styles.of(c.row());
                double[] x = Arrays.stream(c.x()).map(v -> v / axes.xDivisor()).toArray();
                double[] y = Arrays.stream(c.y()).map(v -> v / axes.yDivisor()).toArray();
                addCurve(chart, style, x, y);
                legend.add(new RenderedChart.Legend(style.name() + c.legendSuffix(), style.color(), style.marker()));
            }
            charts.add(new RenderedChart(kind.id() + "-" + g, kind.title() + ", " + group.getKey(), kind.note(curves),
                    legend, ChartSvg.render(chart)));
        }
        return charts;
    }

    /**
     * A curve as a line in the series' colour, and its marker on a few evenly spaced points (on every point
     * of a short curve, so that a single sample is visible).
     */
    static void addCurve(XYChart chart, SeriesStyles.Style style, double[] x, double[] y) {
        XYSeries line = chart.addSeries(style.name(), x, y);
        line.setLineColor(style.color());
        line.setLineStyle(SeriesLines.SOLID);
        line.setMarkerColor(style.color());
        if (x.length <= MARKS * 2) {
            line.setMarker(style.marker());
            return;
        }
        line.setMarker(SeriesMarkers.NONE);
        int step = Math.max(1, (x.length - 1) / (MARKS - 1));
        List<Double> mx = new ArrayList<>();
        List<Double> my = new ArrayList<>();
        for (int i = 0; i < x.length; i += step) {
            mx.add(x[i]);
            my.add(y[i]);
        }
        XYSeries marks = chart.addSeries(style.name() + " \u00b7 marks", mx, my);
        marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        marks.setMarker(style.marker());
        marks.setMarkerColor(style.color());
    }

    /** Bounds that fit values with a margin of a twentieth of their range on each side. */
    static double[] fit(List<Curve> curves, boolean yValues, double divisor) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double v : yValues ? c.y() : c.x()) {
                min = Math.min(min, v / divisor);
                max = Math.max(max, v / divisor);
            }
        }
        double pad = max > min ? (max - min) / 20 : Math.max(Math.abs(max) / 20, 1);
        return new double[] {min - pad, max + pad};
    }
}
