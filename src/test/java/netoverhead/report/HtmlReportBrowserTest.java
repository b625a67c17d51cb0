package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.server.PayloadServer;
import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;

/**
 * The HTML report of a real small sweep, written by {@code run --html}, opened in headless Chromium: the
 * page as the browser parsed it holds every chart, and every series of every chart has marks in its colour.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern FIGURE = Pattern.compile(
            "<figure class=\"chart\" id=\"([^\"]+)\">(.*?)</figure>", Pattern.DOTALL);
    private static final Pattern LEGEND_COLOUR = Pattern.compile("<i style=\"background: ?(rgb\\([0-9, ]+\\))");

    @TempDir
    static Path dir;

    static Path html;

    @BeforeAll
    static void realSweep() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "unavailable: no Chromium at " + CHROMIUM
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
    }

    /** A chart as the browser's DOM holds it: its SVG, and the colours its legend gives its series. */
    record Chart(String id, String svg, List<Color> series) {}

    @Test
    void everyChartIsDrawnInTheBrowser() throws Exception {
        String dom = chromium(dir.resolve("dom.log"), "--dump-dom", html.toUri().toString());
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
                Matcher marks = Pattern.compile("<(path|line|rect|ellipse|circle|polyline)[^>]*(stroke|fill): ?"
                        + Pattern.quote(ChartSvg.css(c))).matcher(chart.svg());
                assertThat(marks.find()).as(chart.id() + ": marks of the series in " + c).isTrue();
            }
        }
        assertThat(dom).contains("Threaded, 4 connections", "<code>poll()</code>-based, 16 connections");
        // nothing is fetched from elsewhere (the SVG namespace URIs are names, not fetches)
        assertThat(dom).doesNotContain("<script", "<link", "<img", "src=\"http", "href=\"http", "@import", "url(http");

        // marks in the DOM could still be clipped away or off the plot: lay every chart out at a known place,
        // take one screenshot, and look for each series' colour inside each chart's own rectangle
        StringBuilder grid = new StringBuilder("<!DOCTYPE html><html><body style=\"margin:0;background:#fff\">");
        for (int i = 0; i < charts.size(); i++) {
            grid.append("<div style=\"position:absolute;left:").append(i % 2 * CELL_W).append("px;top:")
                    .append(i / 2 * CELL_H).append("px\">").append(charts.get(i).svg()).append("</div>");
        }
        Path gridPage = dir.resolve("grid.html");
        Files.writeString(gridPage, grid.append("</body></html>").toString());
        Path png = dir.resolve("grid.png");
        chromium(dir.resolve("grid.log"), "--hide-scrollbars",
                "--window-size=" + 2 * CELL_W + "," + (charts.size() + 1) / 2 * CELL_H,
                "--screenshot=" + png, gridPage.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG from Chromium").isNotNull();
        for (int i = 0; i < charts.size(); i++) {
            Chart chart = charts.get(i);
            int x0 = i % 2 * CELL_W;
            int y0 = i / 2 * CELL_H;
            for (Color c : chart.series()) {
                assertThat(pixelsNear(image, x0, y0, ChartSvg.WIDTH, ChartSvg.HEIGHT, c))
                        .as(chart.id() + ": pixels of the series in " + c).isPositive();
            }
        }
    }

    private static final int CELL_W = ChartSvg.WIDTH + 20;
    private static final int CELL_H = ChartSvg.HEIGHT + 20;

    private static List<Chart> charts(String dom) {
        List<Chart> charts = new ArrayList<>();
        Matcher m = FIGURE.matcher(dom);
        while (m.find()) {
            String body = m.group(2);
            int svgAt = body.indexOf("<svg");
            assertThat(svgAt).as(m.group(1) + " has an SVG").isNotNegative();
            List<Color> series = new ArrayList<>();
            Matcher legend = LEGEND_COLOUR.matcher(body.substring(0, svgAt));
            while (legend.find()) {
                String[] rgb = legend.group(1).replaceAll("[^0-9,]", "").split(",");
                series.add(new Color(Integer.parseInt(rgb[0]), Integer.parseInt(rgb[1]), Integer.parseInt(rgb[2])));
            }
            charts.add(new Chart(m.group(1), body.substring(svgAt, body.indexOf("</svg>", svgAt) + 6), series));
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

    @Test
    void theScreenshotShowsEverySeriesColour() throws Exception {
        Path png = dir.resolve("shot.png");
        chromium(dir.resolve("screenshot.log"), "--hide-scrollbars", "--window-size=1500,7000",
                "--screenshot=" + png, html.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG from Chromium").isNotNull();
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 1) {
            for (int x = 0; x < image.getWidth(); x += 1) seen.add(image.getRGB(x, y) & 0xffffff);
        }
        // two models, two connection counts: the first two palette colours are on the page, drawn
        for (Color c : ChartSvg.PALETTE.subList(0, 2)) {
            assertThat(seen).as("pixels of " + c).contains(c.getRGB() & 0xffffff);
        }
        assertThat(seen.size()).as("distinct colours of a page with charts").isGreaterThan(50);
    }

    /** Runs headless Chromium on a fresh profile, bounded in time; returns its standard output. */
    private static String chromium(Path log, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(log.getFileName() + ".out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s: " + Files.readString(log));
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return Files.readString(out);
    }
}
