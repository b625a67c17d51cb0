package netoverhead.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.knowm.xchart.XYChart;

import netoverhead.result.Figure;
import netoverhead.result.OperationUnit;
import netoverhead.result.Stat;

/**
 * The charts of rr: the latency percentile spectrum per model, requests per second and the bill per request
 * as bars, and for a sweep over response sizes the per-request figures against the response size, where the
 * cost per request gives way to the copy.
 */
final class RrCharts {
    /** Figures drawn per model as bars. */
    static final List<Figure> BAR_FIGURES = List.of(Figure.OPS_PER_S, Figure.CPU_US_PER_OP, Figure.CPU_USER_US_PER_OP,
            Figure.CPU_SYS_US_PER_OP, Figure.CTX_SWITCHES_PER_OP, Figure.SYSCALLS_PER_OP, Figure.SERVER_CPU_US_PER_OP,
            Figure.MEMORY_PER_CONNECTION_KIB);
    /** Figures drawn against the response size of a sweep. */
    static final List<Figure> RESPONSE_FIGURES = List.of(Figure.CPU_US_PER_OP, Figure.OPS_PER_S);

    private RrCharts() {}

    static List<RenderedChart> charts(List<ReportRow> rows, SeriesStyles styles) {
        List<RenderedChart> charts = new ArrayList<>(LatencySpectrumChart.render(rows, styles));
        for (Figure f : RESPONSE_FIGURES) charts.addAll(againstResponse(f, rows, styles));
        for (Figure f : BAR_FIGURES) charts.add(ModelBarChart.render(f, rows, styles));
        charts.removeIf(Objects::isNull);
        return charts;
    }

    /**
     * One figure against the response size, one line per model, one chart per environment and connection
     * count; none unless the rows hold several response sizes.
     */
    static List<RenderedChart> againstResponse(Figure figure, List<ReportRow> rows, SeriesStyles styles) {
        List<RenderedChart> charts = new ArrayList<>();
        if (!ReportRow.responseSweep(rows)) return charts;
        List<ReportRow> measured = rows.stream()
                .filter(r -> r.run().responseBytes() != null && r.stat(figure.key()) != null).toList();
        int g = 0;
        for (var group : ReportRow.byEnvironmentAndConnections(measured, false).entrySet()) {
            g++;
            Map<String, List<ReportRow>> lines = ReportRow.groupBy(group.getValue(), r -> styles.of(r).name());
            double min = group.getValue().stream().mapToDouble(r -> r.stat(figure.key()).mean()).min().orElse(0);
            double max = group.getValue().stream().mapToDouble(r -> r.stat(figure.key()).mean()).max().orElse(0);
            boolean logValues = min > 0 && max / min >= 10;
            OperationUnit operation = ReportRow.operation(group.getValue());
            XYChart chart = ChartSvg.xyChart("response size (bytes, log scale)",
                    figure.title(operation) + " (" + figure.unit(operation) + ")");
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(logValues);
            List<RenderedChart.Legend> legend = new ArrayList<>();
            for (List<ReportRow> points : lines.values()) {
                List<ReportRow> sorted = points.stream().sorted(Comparator.comparingLong(r -> r.run().responseBytes()))
                        .toList();
                double[] x = sorted.stream().mapToDouble(r -> r.run().responseBytes()).toArray();
                double[] y = sorted.stream().map(r -> r.stat(figure.key())).mapToDouble(Stat::mean).toArray();
                SeriesStyles.Style style = styles.of(sorted.getFirst());
                GroupCharts.addCurve(chart, style, x, y);
                legend.add(new RenderedChart.Legend(style.name(), style.color(), style.marker()));
            }
            String note = "Mean over iterations at each response size; logarithmic size axis; "
                    + (logValues ? "logarithmic" : "linear") + " value axis. Where the line turns up, the copy of "
                    + "the body outweighs the cost of a request.";
            charts.add(new RenderedChart("response-" + figure.key() + "-" + g,
                    figure.title(operation) + " against response size, " + group.getKey(), note, legend,
                    ChartSvg.render(chart)));
        }
        return charts;
    }
}
