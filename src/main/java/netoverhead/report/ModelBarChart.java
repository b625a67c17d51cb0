package netoverhead.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import netoverhead.result.Figure;
import netoverhead.result.OperationUnit;
import netoverhead.result.Stat;

/**
 * One figure per model as horizontal bars, drawn as SVG: one bar per model run, its label on the left (as
 * long as it needs to be, so that labels never overlap however many models there are), its bar and marker
 * in the series' colour, the mean written after it. Whiskers show one standard deviation, cut at zero for
 * a quantity whose mean is not negative (a throughput or a time is never below zero).
 */
public final class ModelBarChart {
    static final int FONT_PX = 12;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, FONT_PX);
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final int ROW = 22;
    private static final int BAR = 14;
    private static final int TOP = 10;
    private static final int AXIS = 44;
    private static final int VALUE_SPACE = 90;
    private static final int MIN_PLOT = 260;
    private static final int MAX_LABEL = 420;

    private ModelBarChart() {}

    private record Bar(String label, SeriesStyles.Style style, double mean, double low, double high) {}

    /** The chart, or null when no model has this figure. */
    static RenderedChart render(Figure figure, List<ReportRow> rows, SeriesStyles styles) {
        List<ReportRow> measured = rows.stream().filter(r -> r.stat(figure.key()) != null).toList();
        if (measured.isEmpty()) return null;
        boolean sweep = ReportRow.sweep(rows);
        boolean responses = ReportRow.responseSweep(rows);
        List<Integer> counts = measured.stream().map(r -> r.run().connections()).distinct().toList();
        List<Bar> bars = new ArrayList<>();
        for (ReportRow r : measured.stream().sorted(Comparator.comparingInt(r -> counts.indexOf(r.run().connections())))
                .toList()) {
            String step = (sweep ? ", " + r.run().connections() + " connections" : "")
                    + (responses && r.run().responseBytes() != null ? ", " + RowLabel.response(r.run()) : "");
            Stat s = r.stat(figure.key());
            SeriesStyles.Style style = styles.of(r);
            double low = s.mean() - s.stddev();
            if (s.mean() >= 0) low = Math.max(0, low);
            bars.add(new Bar(style.name() + step, style, s.mean(), low, s.mean() + s.stddev()));
        }
        List<RenderedChart.Legend> legend = new ArrayList<>();
        bars.stream().map(Bar::style).distinct()
                .forEach(st -> legend.add(new RenderedChart.Legend(st.name(), st.color(), st.marker())));
        // titled in the words of the rows' workload: "CPU per connection" for churn
        OperationUnit operation = ReportRow.operation(rows);
        String unit = figure.unit(operation);
        String title = figure.title(operation) + (unit.isEmpty() ? "" : " (" + unit + ")");
        return new RenderedChart(figure.key(), figure.title(operation) + " per model",
                "Mean over iterations; whiskers: one standard deviation, cut at zero.", legend,
                svg(bars, title, unit));
    }

    private static String svg(List<Bar> bars, String axisTitle, String unit) {
        double labelWidth = 0;
        for (Bar b : bars) labelWidth = Math.max(labelWidth, textWidth(b.label()));
        labelWidth = Math.min(MAX_LABEL, labelWidth * 1.15 + 6);
        double markerX = labelWidth + 12;
        double plotLeft = markerX + 12;
        int width = (int) Math.max(ChartSvg.WIDTH, Math.ceil(plotLeft + MIN_PLOT + VALUE_SPACE));
        double plotRight = width - VALUE_SPACE;
        int height = TOP + bars.size() * ROW + AXIS;

        double min = Math.min(0, bars.stream().mapToDouble(Bar::low).min().orElse(0));
        double max = Math.max(0, bars.stream().mapToDouble(b -> Math.max(b.high(), b.mean())).max().orElse(0));
        Ticks ticks = Ticks.of(min, max);
        Scale x = v -> plotLeft + (v - ticks.min()) / (ticks.max() - ticks.min()) * (plotRight - plotLeft);

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"%d\">", width, height,
                width, height, FONT_PX));
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" style=\"fill:rgb(255,255,255)\"/>");
        double plotBottom = TOP + bars.size() * ROW;
        for (double t : ticks.values()) {
            sb.append(line(x.at(t), TOP, x.at(t), plotBottom, "rgb(221,221,221)"));
            sb.append(text(x.at(t), plotBottom + 16, "middle", Numbers.significant(t, 4), "rgb(64,64,64)"));
        }
        sb.append(line(x.at(0), TOP, x.at(0), plotBottom, "rgb(64,64,64)"));
        sb.append(text((plotLeft + plotRight) / 2, plotBottom + 36, "middle", axisTitle, "rgb(0,0,0)"));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double cy = TOP + i * ROW + ROW / 2.0;
            String colour = ChartSvg.css(b.style().color());
            String label = fit(b.label(), labelWidth);
            sb.append("<g><title>").append(Html.escape(b.label() + ": " + Numbers.significant(b.mean(), 4) + " "
                    + unit)).append("</title>");
            sb.append(text(labelWidth, cy + 4, "end", label, "rgb(0,0,0)"));
            sb.append(b.style().marker().svgPolygon(markerX, cy, 10, colour));
            double x0 = x.at(Math.min(0, b.mean()));
            double x1 = x.at(Math.max(0, b.mean()));
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%d\" "
                    + "style=\"fill:%s\"/>", x0, cy - BAR / 2.0, Math.max(x1 - x0, 0.5), BAR, colour));
            if (b.high() > b.low()) {
                sb.append(line(x.at(b.low()), cy, x.at(b.high()), cy, "rgb(51,51,51)"));
                sb.append(line(x.at(b.low()), cy - 4, x.at(b.low()), cy + 4, "rgb(51,51,51)"));
                sb.append(line(x.at(b.high()), cy - 4, x.at(b.high()), cy + 4, "rgb(51,51,51)"));
            }
            double valueAt = x.at(Math.max(b.mean(), b.high())) + 5;
            sb.append(text(valueAt, cy + 4, "start", Numbers.significant(b.mean(), 4), "rgb(64,64,64)"));
            sb.append("</g>");
        }
        return sb.append("</svg>").toString();
    }

    private interface Scale {
        double at(double value);
    }

    /** Axis ticks at a round step (1, 2 or 5 times a power of ten) covering [min, max]. */
    record Ticks(double min, double max, List<Double> values) {
        static Ticks of(double min, double max) {
            if (max <= min) max = min + 1;
            double raw = (max - min) / 5;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / power <= 1 ? power : raw / power <= 2 ? 2 * power : raw / power <= 5 ? 5 * power
                    : 10 * power;
            double lo = Math.floor(min / step) * step;
            double hi = Math.ceil(max / step) * step;
            List<Double> values = new ArrayList<>();
            for (double t = lo; t <= hi + step / 2; t += step) values.add(Math.abs(t) < step / 1e6 ? 0 : t);
            return new Ticks(lo, hi, values);
        }
    }

    /** The label, cut with an ellipsis where it is wider than the label column (the bar's title keeps it whole). */
    private static String fit(String label, double width) {
        if (textWidth(label) * 1.15 + 6 <= width) return label;
        String s = label;
        while (s.length() > 1 && textWidth(s + "…") * 1.15 + 6 > width) s = s.substring(0, s.length() - 1);
        return s + "…";
    }

    static double textWidth(String s) {
        return FONT.getStringBounds(s, FRC).getWidth();
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
