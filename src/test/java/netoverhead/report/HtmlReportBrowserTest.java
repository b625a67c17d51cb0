package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.result.RunResult;
import netoverhead.server.PayloadServer;
import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;

/**
 * The HTML report of a real small sweep, written by {@code run --html}, opened in headless Chromium: the
 * page as the browser parsed it holds every chart, and every series of every chart has marks in its colour.
 * The same measured runs, merged with themselves by {@code report}, render with names that tell them apart;
 * {@link TwelveModelPage} checks the layout of a page with every model.
 */
class HtmlReportBrowserTest {
    private static final Pattern FIGURE = Pattern.compile(
            "<figure class=\"chart\" id=\"([^\"]+)\">(.*?)</figure>", Pattern.DOTALL);
    private static final Pattern LEGEND_COLOUR = Pattern.compile("<i style=\"background: ?(rgb\\([0-9, ]+\\))");
    private static final Pattern SIZE = Pattern.compile(" width=\"(\\d+)(px)?\".* height=\"(\\d+)(px)?\"|"
            + " height=\"(\\d+)(px)?\".* width=\"(\\d+)(px)?\"");

    @TempDir
    static Path dir;

    static Path html;
    static Path json;

    @BeforeAll
    static void realSweep() throws Exception {
        Assumptions.assumeTrue(Chromium.available(), "unavailable: no Chromium at " + Chromium.BINARY
                + " (.ci/run installs the chromium package)");
        html = dir.resolve("report.html");
        // 32 MiB a job, so that each iteration's CPU time, which the kernel counts in 10 ms ticks, is a few ticks
        // and not 0: with 1 MiB a job, a quiet window came out at 0 s, and its bar in the CPU chart had no pixels
        try (PayloadServer server = TestServers.embedded(32 << 20)) {
            // a 1 ms sampling interval, so that even a run of a few milliseconds has a memory curve
            Cli.Result run = Cli.run(300, "run", "127.0.0.1", Integer.toString(server.port()), "--models",
                    "threaded,poll", "--connections", "4,16", "--iterations", "2", "--payload", "32MiB",
                    "--sample-interval", "1", "--out", dir.resolve("results").toString(), "--html", html.toString());
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            // the progress of a sweep names the whole plan: count, model, iteration
            assertThat(run.stderr()).contains("[1/8] connections 1/2 (4), model 1/2 threaded, iteration 1/2: ",
                    "[8/8] connections 2/2 (16), model 2/2 poll, iteration 2/2: ");
        }
        assertThat(html).exists();
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    /** A chart as the browser's DOM holds it: its SVG, its size, and the colours its legend gives its series. */
    record Chart(String id, String svg, int width, int height, List<Color> series) {}

    @Test
    void everyChartIsDrawnInTheBrowser() throws Exception {
        String dom = Chromium.dumpDom(dir, html);
        List<Chart> charts = charts(dom);
        assertThat(charts).extracting(Chart::id).contains("sweep-aggregate_mibps", "sweep-memory_per_connection_kib",
                "sweep-run_s", "aggregate_mibps", "memory_per_connection_kib", "cpu_s_per_gib", "socket_create_us",
                "job_setup_us", "download-distribution-1", "download-distribution-2", "memory-curve-1",
                "memory-curve-2");
        for (Chart chart : charts) {
            assertThat(chart.series()).as(chart.id() + " has a legend").isNotEmpty();
            for (Color c : chart.series()) {
                // data marks: lines, bars, markers of the series colour (the chart's own legend is off, and axes,
                // grid and text are grey or black)
                Matcher marks = Pattern.compile("<(path|line|rect|ellipse|circle|polyline|polygon)[^>]*(stroke|fill)"
                        + "(: ?|=\")" + Pattern.quote(ChartSvg.css(c))).matcher(chart.svg());
                assertThat(marks.find()).as(chart.id() + ": marks of the series in " + c).isTrue();
            }
        }
        // the bars name each model run; what was measured is at the top, in the units people read
        assertThat(dom).contains("Threaded, 4 connections", "<code>poll()</code>-based, 16 connections",
                "32 MiB per connection", "<td>4, 16</td>");
        assertThat(dom.indexOf("id=\"measured\"")).isLessThan(dom.indexOf("id=\"figures\""));
        // nothing is fetched from elsewhere (the SVG namespace URIs are names, not fetches)
        assertThat(dom).doesNotContain("<script", "<link", "<img", "src=\"http", "href=\"http", "@import", "url(http");

        // marks in the DOM could still be clipped away or off the plot: lay every chart out at a known place,
        // take one screenshot, and look for each series' colour inside each chart's own rectangle
        StringBuilder grid = new StringBuilder("<!DOCTYPE html><html><body style=\"margin:0;background:#fff\">");
        int cellW = charts.stream().mapToInt(Chart::width).max().orElseThrow() + 20;
        List<Integer> tops = new ArrayList<>();
        int top = 0;
        for (Chart chart : charts) {
            tops.add(top);
            grid.append("<div style=\"position:absolute;left:0;top:").append(top).append("px\">").append(chart.svg())
                    .append("</div>");
            top += chart.height() + 20;
        }
        Path gridPage = dir.resolve("grid.html");
        Files.writeString(gridPage, grid.append("</body></html>").toString());
        BufferedImage image = Chromium.screenshot(dir, gridPage, cellW, top);
        for (int i = 0; i < charts.size(); i++) {
            Chart chart = charts.get(i);
            for (Color c : chart.series()) {
                assertThat(pixelsNear(image, 0, tops.get(i), chart.width(), chart.height(), c))
                        .as(chart.id() + ": pixels of the series in " + c).isPositive();
            }
        }
    }

    @Test
    void twoRunsOfTheSameModelsMergeIntoOnePageWithNamesThatTellThemApart() throws Exception {
        Path merged = dir.resolve("merged.html");
        Cli.Result report = Cli.run(120, "report", json.toString(), json.toString(), "--format", "html", "-o",
                merged.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        PageLayout.Page page = PageLayout.measure(dir, Files.readString(merged));
        assertThat(page.series().names()).hasSize(4).doesNotHaveDuplicates();
        assertThat(page.series().colours()).hasSize(4).doesNotHaveDuplicates();
        for (PageLayout.ChartLayout chart : page.charts()) {
            assertThat(chart.names()).as(chart.id()).doesNotHaveDuplicates();
            assertThat(chart.colours()).as(chart.id()).doesNotHaveDuplicates();
            assertThat(chart.overlaps()).as(chart.id()).isEmpty();
        }
        assertThat(page.measured()).containsKeys("server", "payload", "connections", "iterations", "machine", "JDK");
        assertThat(page.measured().get("connections")).containsExactly("4, 16", "4, 16");
    }

    @Test
    void twelveModelsAreReadable() throws Exception {
        RunResult measured = JsonReport.read(json);
        new TwelveModelPage(dir, measured).check();
    }

    @Test
    void anRrPageOfEveryModelAndResponseSizeIsReadable() throws Exception {
        String rr = HtmlReport.render(List.of(RrPage.sweep(RrPage.RESPONSES)));
        Files.writeString(dir.resolve("rr.html"), rr);
        PageLayout.Page page = PageLayout.measure(dir, rr);
        List<String> labels = netoverhead.model.registry.ModelRegistry.all().stream()
                .map(m -> m.label().replace("`", "")).toList();
        assertThat(page.series().names()).containsExactlyElementsOf(labels);
        assertThat(page.series().overlaps()).isEmpty();
        assertThat(page.charts()).extracting(PageLayout.ChartLayout::id).contains("latency-spectrum-1",
                "latency-spectrum-3", "response-cpu_us_per_op-1", "response-ops_per_s-1", "ops_per_s",
                "cpu_us_per_op", "cpu_user_us_per_op", "cpu_sys_us_per_op", "memory-curve-3");
        PageLayout.assertReadable(page);
        for (PageLayout.ChartLayout chart : page.charts()) {
            assertThat(chart.names()).as(chart.id()).hasSize(labels.size());
        }
        PageLayout.ChartLayout spectrum = page.charts().stream().filter(c -> c.id().equals("latency-spectrum-1"))
                .findFirst().orElseThrow();
        assertThat(spectrum.texts()).contains("50%", "90%", "99%", "99.9%", "99.99%");
        PageLayout.ChartLayout bars = page.charts().stream().filter(c -> c.id().equals("ops_per_s")).findFirst()
                .orElseThrow();
        for (String label : labels) assertThat(bars.texts()).contains(label + ", 128 B responses");
    }

    private static List<Chart> charts(String dom) {
        List<Chart> charts = new ArrayList<>();
        Matcher m = FIGURE.matcher(dom);
        while (m.find()) {
            String body = m.group(2);
            int svgAt = body.indexOf("<svg role=\"img\"");
            assertThat(svgAt).as(m.group(1) + " has an SVG").isNotNegative();
            List<Color> series = new ArrayList<>();
            Matcher legend = LEGEND_COLOUR.matcher(body.substring(0, svgAt));
            while (legend.find()) {
                String[] rgb = legend.group(1).replaceAll("[^0-9,]", "").split(",");
                series.add(new Color(Integer.parseInt(rgb[0]), Integer.parseInt(rgb[1]), Integer.parseInt(rgb[2])));
            }
            String svg = body.substring(svgAt, body.indexOf("</svg>", svgAt) + 6);
            Matcher size = SIZE.matcher(svg.substring(0, svg.indexOf('>')));
            assertThat(size.find()).as(m.group(1) + " has a size").isTrue();
            int w = Integer.parseInt(size.group(1) != null ? size.group(1) : size.group(7));
            int h = Integer.parseInt(size.group(3) != null ? size.group(3) : size.group(5));
            charts.add(new Chart(m.group(1), svg, w, h, series));
        }
        return charts;
    }

    /** Pixels in the rectangle within a small distance of the colour (lines are antialiased). */
    private static int pixelsNear(BufferedImage image, int x0, int y0, int w, int h, Color c) {
        int n = 0;
        for (int y = y0; y < Math.min(image.getHeight(), y0 + h); y++) {
            for (int x = x0; x < Math.min(image.getWidth(), x0 + w); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 0xff) - c.getRed()) < 24 && Math.abs((rgb >> 8 & 0xff) - c.getGreen()) < 24
                        && Math.abs((rgb & 0xff) - c.getBlue()) < 24) n++;
            }
        }
        return n;
    }
}
