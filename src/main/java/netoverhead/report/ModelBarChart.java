package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import netoverhead.result.Figure;
import netoverhead.result.Stat;

/**
 * One figure per model as bars (mean over iterations, whiskers one standard deviation), one bar colour per
 * environment and connection count when there are several.
 */
public final class ModelBarChart {
    private ModelBarChart() {}

    /** The chart, or null when no model has this figure. */
    static RenderedChart render(Figure figure, List<ReportRow> rows) {
        List<ReportRow> measured = rows.stream().filter(r -> r.stat(figure.key()) != null).toList();
        if (measured.isEmpty()) return null;
        boolean several = ReportRow.severalSetups(rows);
        boolean sweep = ReportRow.sweep(rows);
        List<String> models = measured.stream().map(ReportRow::model).distinct().toList();
        Map<String, List<ReportRow>> series = ReportRow.groupBy(measured, r -> seriesName(r, several, sweep));

        CategoryChart chart = new CategoryChartBuilder().width(ChartSvg.WIDTH).height(ChartSvg.HEIGHT)
                .xAxisTitle("model").yAxisTitle(figure.title() + " (" + figure.unit() + ")").build();
        ChartSvg.style(chart.getStyler());
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        chart.getStyler().setYAxisMin(0.0);
        List<RenderedChart.Legend> legend = new ArrayList<>();
        int index = 0;
        for (var entry : series.entrySet()) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String model : models) {
                Stat s = entry.getValue().stream().filter(r -> r.model().equals(model)).findFirst()
                        .map(r -> r.stat(figure.key())).orElse(null);
                // XChart needs a value for every category; a model missing from this series draws no bar
                means.add(s == null ? 0.0 : s.mean());
                errors.add(s == null ? 0.0 : s.stddev());
            }
            chart.addSeries(entry.getKey(), models, means, errors);
            legend.add(new RenderedChart.Legend(entry.getKey(), ChartSvg.color(index++)));
        }
        return new RenderedChart(figure.key(), figure.title() + " per model",
                "Mean over iterations; whiskers: one standard deviation.", legend, ChartSvg.render(chart));
    }

    static String seriesName(ReportRow r, boolean several, boolean sweep) {
        List<String> parts = new ArrayList<>();
        if (several) parts.add(r.setup());
        if (sweep) parts.add(r.run().connections() + " connections");
        return parts.isEmpty() ? r.run().connections() + " connections" : String.join(", ", parts);
    }
}
