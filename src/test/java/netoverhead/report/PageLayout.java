package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A report page as Chromium lays it out: a script (page-layout.js) measures every chart's text, marks and
 * legend in the browser and leaves what it found in the DOM, which Chromium dumps.
 */
final class PageLayout {
    private PageLayout() {}

    /** A legend: its series' names, colours (CSS {@code rgb(r, g, b)}) and marker polygons, and overlaps. */
    record Legend(List<String> names, List<String> colours, List<String> markers, List<String> overlaps) {}

    /** One chart: the text it draws, what overlaps (text on text, text on a mark, text outside, legend). */
    record ChartLayout(String id, List<String> texts, List<String> overlaps, List<String> names, List<String> colours,
                       List<String> markers, double width, double height) {}

    record Page(List<ChartLayout> charts, Legend series, Map<String, List<String>> measured) {}

    /**
     * Every chart of the page is readable: no text overlaps, each series named once, in the colour and marker
     * the page's legend gives it (a memory curve's "(iteration n)" aside).
     */
    static void assertReadable(Page page) {
        for (ChartLayout chart : page.charts()) {
            assertThat(chart.overlaps()).as(chart.id() + ": overlapping text").isEmpty();
            assertThat(chart.names()).as(chart.id()).isNotEmpty().doesNotHaveDuplicates();
            for (int i = 0; i < chart.names().size(); i++) {
                String name = chart.names().get(i).replaceFirst(" \\(iteration \\d+\\)$", "");
                int k = page.series().names().indexOf(name);
                assertThat(k).as(chart.id() + ": " + chart.names().get(i)).isNotNegative();
                assertThat(chart.colours().get(i)).isEqualTo(page.series().colours().get(k));
                assertThat(chart.markers().get(i)).isEqualTo(page.series().markers().get(k));
            }
        }
    }

    static Page measure(Path dir, String html) throws IOException, InterruptedException {
        String script;
        try (InputStream in = PageLayout.class.getResourceAsStream("page-layout.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path page = Files.createTempFile(dir, "measured", ".html");
        Files.writeString(page, html.replace("</body>", "<script>" + script + "</script></body>"));
        String dom = Chromium.dumpDom(dir, page);
        int at = dom.lastIndexOf("<pre id=\"layout\">");
        assertThat(at).as("the layout script ran").isNotNegative();
        String json = dom.substring(at + "<pre id=\"layout\">".length(), dom.indexOf("</pre>", at))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(json, Page.class);
    }
}
