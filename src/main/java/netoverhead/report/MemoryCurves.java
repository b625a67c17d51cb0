package netoverhead.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import netoverhead.result.IterationResult;
import netoverhead.result.MemorySample;

/**
 * The client's sampled RSS over the run time, one curve per model: the iteration whose run time is the
 * median of that model's iterations, so the curve is a typical one rather than the best or worst.
 */
public final class MemoryCurves {
    private MemoryCurves() {}

    /** The iteration to draw: completed, with samples, median run time; or null. */
    static IterationResult typical(List<IterationResult> iterations) {
        List<IterationResult> usable = iterations.stream()
                .filter(it -> it.ok() && it.memory() != null && !it.memory().isEmpty())
                .sorted(Comparator.comparingDouble(it -> it.figures().runS() == null ? 0 : it.figures().runS()))
                .toList();
        return usable.isEmpty() ? null : usable.get((usable.size() - 1) / 2);
    }

    static List<RenderedChart> charts(List<ReportRow> rows) {
        List<RenderedChart> charts = new ArrayList<>();
        Map<String, List<ReportRow>> groups = ReportRow.byEnvironmentAndConnections(rows);
        int g = 0;
        for (var group : groups.entrySet()) {
            g++;
            XYChart chart = ChartSvg.xyChart("time since the first socket (ms)", "RSS (MiB)");
            List<RenderedChart.Legend> legend = new ArrayList<>();
            List<String> which = new ArrayList<>();
            int index = 0;
            for (ReportRow row : group.getValue()) {
                IterationResult it = typical(row.run().iterations());
                if (it == null) continue;
                double[] x = it.memory().stream().mapToDouble(MemorySample::ms).toArray();
                double[] y = it.memory().stream().mapToDouble(s -> s.rssBytes() / (double) (1 << 20)).toArray();
                var series = chart.addSeries(row.model(), x, y);
                // a short run may have a single sample; a marker keeps it visible
                series.setMarker(x.length < 20 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                legend.add(new RenderedChart.Legend(row.model() + " (iteration " + it.iteration() + ")",
                        ChartSvg.color(index++)));
                which.add(row.model() + ": " + x.length + " samples");
            }
            if (legend.isEmpty()) continue;
            charts.add(new RenderedChart("memory-curve-" + g, "Memory over time, " + group.getKey(),
                    "Client RSS sampled from outside; for each model the iteration with the median run time ("
                            + String.join("; ", which) + ").", legend, ChartSvg.render(chart)));
        }
        return charts;
    }
}
