package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;

/**
 * A page with every model the tool has, drawn from the runs of a real sweep (each model row carries the
 * measured iterations of one of the sweep's models: this checks rendering, not measurement), laid out by
 * Chromium and checked: no text overlaps, one colour and marker per model kept across charts, the header.
 */
final class TwelveModelPage {
    private final Path dir;
    private final RunResult twelve;

    TwelveModelPage(Path dir, RunResult measured) {
        this.dir = dir;
        List<Model> models = ModelRegistry.all();
        List<ModelRun> runs = new ArrayList<>();
        for (int count : measured.settings().connections()) {
            List<ModelRun> real = measured.runs().stream().filter(r -> r.connections() == count).toList();
            for (int i = 0; i < models.size(); i++) {
                ModelRun source = real.get(i % real.size());
                runs.add(new ModelRun(models.get(i).name(), models.get(i).label(), count, null, source.iterations(),
                        source.summary()));
            }
        }
        RunSettings s = measured.settings();
        RunSettings all = new RunSettings(models.stream().map(Model::name).toList(), s.connections(), s.iterations(),
                s.payloadBytes(), s.address(), s.port(), s.path(), s.server(), s.serverDescription(), s.bufferBytes(),
                s.selector(), s.loops(), s.sampleIntervalMs(), s.connectTimeoutMs(), s.readTimeoutMs(), s.verify(),
                s.link(), s.profiler(), s.clientCpus(), s.serverCpus(), s.warmup(), s.startPriority(), s.label());
        this.twelve = new RunResult(measured.tool(), measured.environment(), all, measured.startedAt(),
                measured.finishedAt(), measured.complete(), runs);
    }

    void check() throws Exception {
        String html = HtmlReport.render(List.of(twelve));
        Files.writeString(dir.resolve("twelve.html"), html);
        PageLayout.Page page = PageLayout.measure(dir, html);
        List<String> labels = ModelRegistry.all().stream().map(m -> m.label().replace("`", "")).toList();

        // one colour and one marker per model, far apart, and a legend that names them all
        PageLayout.Legend series = page.series();
        assertThat(series.names()).containsExactlyElementsOf(labels);
        assertThat(series.colours()).doesNotHaveDuplicates();
        assertThat(series.markers()).doesNotHaveDuplicates();
        assertThat(series.overlaps()).isEmpty();
        Map<String, String> colourOf = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) colourOf.put(series.names().get(i), series.colours().get(i));
        assertThat(colourOf.get("Threaded")).isNotEqualTo(colourOf.get("Native (C) threaded"));
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(distance(series.colours().get(i), series.colours().get(j)))
                        .as(labels.get(i) + " and " + labels.get(j) + " look alike").isGreaterThan(60);
            }
        }

        assertThat(page.charts()).extracting(PageLayout.ChartLayout::id).contains("aggregate_mibps",
                "sweep-aggregate_mibps", "download-distribution-1", "memory-curve-2");
        for (PageLayout.ChartLayout chart : page.charts()) {
            assertThat(chart.overlaps()).as(chart.id() + ": overlapping text").isEmpty();
            assertThat(chart.names()).as(chart.id()).hasSize(labels.size()).doesNotHaveDuplicates();
            // a model keeps its colour and marker in every chart (memory legends add the iteration drawn)
            for (int i = 0; i < chart.names().size(); i++) {
                String name = chart.names().get(i).replaceFirst(" \\(iteration \\d+\\)$", "");
                int k = series.names().indexOf(name);
                assertThat(k).as(chart.id() + ": " + name + " is in the page's legend").isNotNegative();
                assertThat(chart.colours().get(i)).as(chart.id() + ": colour of " + name)
                        .isEqualTo(series.colours().get(k));
                assertThat(chart.markers().get(i)).as(chart.id() + ": marker of " + name)
                        .isEqualTo(series.markers().get(k));
            }
        }
        // the bar charts label every model at every connection count, in text the browser laid out
        PageLayout.ChartLayout bars = page.charts().stream().filter(c -> c.id().equals("aggregate_mibps"))
                .findFirst().orElseThrow();
        for (String label : labels) {
            assertThat(bars.texts()).contains(label + ", 4 connections", label + ", 16 connections");
        }

        // what was measured, at the top, in the units people read
        Map<String, List<String>> header = page.measured();
        assertThat(header).containsKeys("server", "payload", "connections", "iterations", "models", "machine", "JDK");
        assertThat(header.get("payload")).containsExactly("32 MiB per connection");
        assertThat(header.get("connections")).containsExactly("4, 16");
        assertThat(header.get("server").get(0)).startsWith("embedded").contains("127.0.0.1:");
        assertThat(header.get("machine").get(0)).contains(twelve.environment().kernel(),
                twelve.environment().cores() + " cores");
        assertThat(header.get("JDK").get(0)).startsWith(twelve.environment().jdk());
        assertThat(html.indexOf("id=\"measured\"")).isLessThan(html.indexOf("id=\"figures\""));
    }

    /** Euclidean distance of two CSS colours {@code rgb(r, g, b)}. */
    private static double distance(String a, String b) {
        int[] x = rgb(a);
        int[] y = rgb(b);
        return Math.sqrt(Math.pow(x[0] - y[0], 2) + Math.pow(x[1] - y[1], 2) + Math.pow(x[2] - y[2], 2));
    }

    private static int[] rgb(String css) {
        String[] p = css.replaceAll("[^0-9,]", "").split(",");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
    }
}
