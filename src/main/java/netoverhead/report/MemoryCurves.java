package netoverhead.report;

import java.util.Comparator;
import java.util.List;

import netoverhead.result.IterationResult;
import netoverhead.result.MemorySample;

/**
 * The client's sampled RSS over the run time, one curve per model: of the counted iterations (child completed,
 * no failed job), the one whose run time is the median, so the curve is a typical one rather than the best or
 * worst, and never one cut short by a failure.
 */
public final class MemoryCurves {
    private MemoryCurves() {}

    /** The iteration to draw: counted, with samples, median run time; or null. */
    static IterationResult typical(List<IterationResult> iterations) {
        List<IterationResult> usable = iterations.stream()
                .filter(it -> it.counted() && it.memory() != null && !it.memory().isEmpty())
                .sorted(Comparator.comparingDouble(it -> it.figures().runS() == null ? 0 : it.figures().runS()))
                .toList();
        return usable.isEmpty() ? null : usable.get((usable.size() - 1) / 2);
    }

    /** One chart per environment and connection count, the typical iteration's RSS curve per model. */
    static List<RenderedChart> charts(List<ReportRow> rows, SeriesStyles styles) {
        return GroupCharts.render(rows, styles, new GroupCharts.Kind() {
            @Override
            public String id() {
                return "memory-curve";
            }

            @Override
            public String title() {
                return "Memory over time";
            }

            @Override
            public GroupCharts.Curve curve(ReportRow row) {
                IterationResult it = typical(row.run().iterations());
                if (it == null) return null;
                double[] x = it.memory().stream().mapToDouble(MemorySample::ms).toArray();
                double[] y = it.memory().stream().mapToDouble(s -> s.rssBytes() / (double) (1 << 20)).toArray();
                return new GroupCharts.Curve(row, x, y, " (iteration " + it.iteration() + ")",
                        row.model() + ": " + x.length + " samples");
            }

            @Override
            public GroupCharts.Axes axes(List<GroupCharts.Curve> curves) {
                double end = curves.stream().flatMapToDouble(c -> java.util.Arrays.stream(c.x())).max().orElse(0);
                Units.TimeScale t = end >= 10_000 ? Units.TimeScale.S : Units.TimeScale.MS;
                // the axis fits the curves: from 0 MiB, curves tens of MiB apart would be squashed flat
                double[] y = GroupCharts.fit(curves, true, 1);
                return new GroupCharts.Axes("time since the first socket (" + t.symbol() + ")", t.nanos() / 1e6,
                        null, null, "RSS (MiB)", 1, Math.max(0, y[0]), y[1]);
            }

            @Override
            public String note(List<GroupCharts.Curve> curves) {
                return "Client RSS sampled from outside; for each model the iteration with the median run time ("
                        + String.join("; ", curves.stream().map(GroupCharts.Curve::detail).toList()) + ").";
            }
        });
    }
}
