package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import netoverhead.result.LatencyHistograms;
import netoverhead.result.LatencySummary;

/**
 * The latency percentile spectrum of rr (churn: the transaction latency; idle: the heartbeats' round trip), as
 * wrk2 plots it: latency against the percentile, the x axis 1/(1-p) on a log scale labelled as percentiles (50%,
 * 90%, 99%, 99.9%, ...), one curve per model in its colour, its marker on every labelled percentile; the latency
 * axis is logarithmic where the tail is a hundred times the fastest operations or more. Drawn as SVG by hand, so
 * that the percentiles are the axis' labels; one chart per environment, connection count and response size, from
 * the histogram merged over the counted iterations.
 */
final class LatencySpectrumChart {
    private static final int WIDTH = ChartSvg.WIDTH;
    private static final int HEIGHT = ChartSvg.HEIGHT;
    private static final int LEFT = 70;
    private static final int RIGHT = 40;
    private static final int TOP = 12;
    private static final int BOTTOM = 52;
    /** Percentile points per halving of the distance to 100%: smooth enough for a curve. */
    private static final int TICKS_PER_HALF = 5;

    private LatencySpectrumChart() {}

    /** One model's curve: decades of 1/(1-p) and latency in ns, and its marks at the labelled percentiles. */
    private record Curve(SeriesStyles.Style style, double[] decades, double[] ns, double[] markDecades,
                         double[] markNs) {}

    static List<RenderedChart> render(List<ReportRow> rows, SeriesStyles styles) {
        List<RenderedChart> charts = new ArrayList<>();
        boolean several = ReportRow.severalSetups(rows);
        Map<String, List<ReportRow>> groups = ReportRow.groupBy(rows, r -> (several ? r.setup() + ", " : "")
                + r.run().connections() + " connections"
                + (r.run().responseBytes() == null ? "" : ", " + RowLabel.response(r.run())));
        // named as the rows' workload names its latency: "transaction latency" for churn
        String latency = ReportRow.operation(rows).latency();
        int g = 0;
        for (var group : groups.entrySet()) {
            g++;
            List<Curve> curves = new ArrayList<>();
            for (ReportRow row : group.getValue()) {
                Curve c = curve(row, styles);
                if (c != null) curves.add(c);
            }
            if (curves.isEmpty()) continue;
            List<RenderedChart.Legend> legend = curves.stream()
                    .map(c -> new RenderedChart.Legend(c.style().name(), c.style().color(), c.style().marker()))
                    .toList();
            charts.add(new RenderedChart("latency-spectrum-" + g, Units.capitalised(latency) + " by percentile, "
                    + group.getKey(), Units.capitalised(latency) + " at each percentile of the histogram merged from "
                    + "every counted iteration; x axis 1/(1-p) on a log scale, as wrk2 plots it; markers at the "
                    + "labelled percentiles.", legend, svg(curves, latency)));
        }
        return charts;
    }

    private static Curve curve(ReportRow row, SeriesStyles styles) {
        LatencySummary latency = row.run().latency();
        if (latency == null || latency.histogram() == null || latency.operations() == 0) return null;
        Histogram h = LatencyHistograms.decode(latency.histogram());
        if (h.getTotalCount() == 0) return null;
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF)) {
            double p = v.getPercentileLevelIteratedTo() / 100;
            if (p >= 1) break;
            points.add(new double[] {Math.log10(1 / (1 - p)), v.getValueIteratedTo()});
        }
        // the curve ends at the last percentile the count resolves, at the maximum
        double lastDecade = Math.log10(h.getTotalCount());
        points.add(new double[] {Math.max(lastDecade, points.isEmpty() ? 0 : points.getLast()[0]), h.getMaxValue()});
        List<Double> markDecades = new ArrayList<>();
        List<Double> markNs = new ArrayList<>();
        for (double q : labelledPercentiles(lastDecade)) {
            markDecades.add(Math.log10(1 / (1 - q / 100)));
            markNs.add((double) h.getValueAtPercentile(q));
        }
        return new Curve(styles.of(row), points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(),
                markDecades.stream().mapToDouble(Double::doubleValue).toArray(),
                markNs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** 50%, 90%, 99%, 99.9%, ... up to the decade the count resolves (at least 99%). */
    private static List<Double> labelledPercentiles(double decades) {
        List<Double> qs = new ArrayList<>(List.of(50.0));
        for (int d = 1; d <= Math.max(2, Math.floor(decades)); d++) qs.add(100 * (1 - Math.pow(10, -d)));
        return qs;
    }

    private static String svg(List<Curve> curves, String latency) {
        double maxDecade = 2;
        double maxNs = 0;
        for (Curve c : curves) {
            for (double d : c.decades()) maxDecade = Math.max(maxDecade, d);
            for (double ns : c.ns()) maxNs = Math.max(maxNs, ns);
        }
        double xMax = maxDecade;
        double minNs = Double.POSITIVE_INFINITY;
        for (Curve c : curves) for (double ns : c.ns()) if (ns > 0) minNs = Math.min(minNs, ns);
        Units.TimeScale t = Units.TimeScale.fitting(maxNs);
        double plotRight = WIDTH - RIGHT;
        double plotBottom = HEIGHT - BOTTOM;
        Scale x = d -> LEFT + d / xMax * (plotRight - LEFT);
        // a tail of a hundred times the body on a linear axis flattens the body to its floor: then log
        boolean logY = minNs > 0 && maxNs / minNs >= 100;
        List<Double> yTicks;
        Scale y;
        if (logY) {
            double lo = Math.floor(Math.log10(minNs / t.nanos()));
            double hi = Math.ceil(Math.log10(maxNs / t.nanos()));
            yTicks = logTicks(lo, hi);
            y = v -> plotBottom - (Math.log10(Math.max(v, Math.pow(10, lo))) - lo) / (hi - lo) * (plotBottom - TOP);
        } else {
            ModelBarChart.Ticks ticks = ModelBarChart.Ticks.of(0, maxNs / t.nanos());
            yTicks = ticks.values();
            y = v -> plotBottom - (v - ticks.min()) / (ticks.max() - ticks.min()) * (plotBottom - TOP);
        }

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"%d\">", WIDTH, HEIGHT,
                WIDTH, HEIGHT, ModelBarChart.FONT_PX));
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" style=\"fill:rgb(255,255,255)\"/>");
        for (double v : yTicks) {
            sb.append(line(LEFT, y.at(v), plotRight, y.at(v), "rgb(221,221,221)"));
            sb.append(text(LEFT - 6, y.at(v) + 4, "end", Numbers.significant(v, 4), "rgb(64,64,64)"));
        }
        for (double q : labelledPercentiles(xMax)) {
            double d = Math.log10(1 / (1 - q / 100));
            if (d > xMax + 1e-9) continue;
            sb.append(line(x.at(d), TOP, x.at(d), plotBottom, "rgb(221,221,221)"));
            sb.append(text(x.at(d), plotBottom + 16, "middle", Numbers.significant(q, 6) + "%", "rgb(64,64,64)"));
        }
        sb.append(line(LEFT, plotBottom, plotRight, plotBottom, "rgb(64,64,64)"));
        sb.append(line(LEFT, TOP, LEFT, plotBottom, "rgb(64,64,64)"));
        sb.append(text((LEFT + plotRight) / 2, plotBottom + 38, "middle", "percentile (1/(1-p), log scale)",
                "rgb(0,0,0)"));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.2f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 %.2f)\" style=\"fill:rgb(0,0,0)\">%s (%s%s)</text>",
                (TOP + plotBottom) / 2, (TOP + plotBottom) / 2, Html.escape(latency), t.symbol(),
                logY ? ", log scale" : ""));
        for (Curve c : curves) {
            String colour = ChartSvg.css(c.style().color());
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < c.decades().length; i++) {
                points.append(String.format(Locale.ROOT, "%.2f,%.2f ", x.at(c.decades()[i]),
                        y.at(c.ns()[i] / t.nanos())));
            }
            sb.append("<g><title>").append(Html.escape(c.style().name())).append("</title>");
            sb.append("<polyline fill=\"none\" points=\"").append(points.toString().strip())
                    .append("\" style=\"stroke:").append(colour).append(";stroke-width:1.5\"/>");
            for (int i = 0; i < c.markDecades().length; i++) {
                sb.append(c.style().marker().svgPolygon(x.at(c.markDecades()[i]), y.at(c.markNs()[i] / t.nanos()),
                        9, colour));
            }
            sb.append("</g>");
        }
        return sb.append("</svg>").toString();
    }

    /** 1, 2 and 5 times each power of ten from 10^lo to 10^hi; only the powers where that is too dense. */
    private static List<Double> logTicks(double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        boolean dense = hi - lo <= 4;
        for (double d = lo; d <= hi; d++) {
            for (double m : dense ? new double[] {1, 2, 5} : new double[] {1}) {
                double v = m * Math.pow(10, d);
                if (v <= Math.pow(10, hi) * 1.0001) ticks.add(v);
            }
        }
        return ticks;
    }

    private interface Scale {
        double at(double value);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" style=\"stroke:%s\"/>",
                x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String anchor, String s, String colour) {
        return String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" style=\"fill:%s\">%s</text>",
                x, y, anchor, colour, Html.escape(s));
    }
}
