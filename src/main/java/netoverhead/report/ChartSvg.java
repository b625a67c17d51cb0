package netoverhead.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Renders an XChart chart to an SVG element that can be inlined in an HTML page. Series colours come from
 * {@link SeriesStyles}, and the chart's own legend is off: the page draws the legend in HTML, so that every
 * mark of a palette colour inside the SVG is data (the browser test relies on that).
 */
public final class ChartSvg {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;

    // clip-path ids are derived from the clip shape's hash; several charts in one page must not share them
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ChartSvg() {}

    /** CSS form of a palette colour, as VectorGraphics2D writes it into the SVG: {@code rgb(31,119,180)}. */
    public static String css(Color c) {
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    /** An XY chart of the shared size and look. */
    static XYChart xyChart(String xAxisTitle, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        return chart;
    }

    /** The look every chart shares: white plot, solid light grid, no built-in legend. */
    static void style(Styler styler) {
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartTitleVisible(false);
        styler.setSeriesColors(SeriesStyles.PALETTE.toArray(Color[]::new));
        if (styler instanceof AxesChartStyler axes) {
            // a dashed grid becomes thousands of tiny SVG shapes; a thin solid one is one line each
            axes.setPlotGridLinesStroke(new BasicStroke(0.5f));
            axes.setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
            axes.setAxisTickLabelsColor(Color.DARK_GRAY);
        }
    }

    /** The chart as an {@code <svg>} element, without XML prolog or doctype. */
    public static String render(Chart<?, ?> chart) {
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        Document doc = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, chart.getWidth(), chart.getHeight()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render a chart", e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        svg = svg.substring(svg.indexOf("<svg"));
        String prefix = "chart" + SEQUENCE.incrementAndGet() + "-";
        return svg.replace("id=\"clip", "id=\"" + prefix + "clip").replace("url(#clip", "url(#" + prefix + "clip")
                .replaceFirst("<svg ", "<svg role=\"img\" ");
    }
}
