package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import netoverhead.harness.Aggregator;
import netoverhead.result.Figure;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * The HTML report of runs built from chosen figures (a rendering test, not a measurement): every series
 * name unique whatever the input, whiskers that stay at or above zero, units people read, errors with
 * their first message.
 */
class HtmlReportSeriesTest {
    private static final Pattern LEGEND_NAME = Pattern.compile("</svg>([^<]*)</span>");

    @Test
    void twoRunsOfTheSameModelsHaveNamesAndColoursOfTheirOwn() {
        RunResult a = KnownRuns.run("Linux", KnownRuns.model("threaded", 900, 1000),
                KnownRuns.model("native-threaded", 1500, 1600));
        RunResult b = KnownRuns.run("Linux", KnownRuns.model("threaded", 800, 850),
                KnownRuns.model("native-threaded", 1400, 1450));
        List<ReportRow> rows = ReportRow.of(List.of(a, b));
        SeriesStyles styles = SeriesStyles.of(rows);
        assertThat(styles.all()).extracting(SeriesStyles.Style::name)
                .containsExactly("threaded (run 1)", "native-threaded (run 1)", "threaded (run 2)",
                        "native-threaded (run 2)");
        assertThat(styles.all()).extracting(SeriesStyles.Style::color).doesNotHaveDuplicates();
        assertThat(styles.all()).extracting(SeriesStyles.Style::marker).doesNotHaveDuplicates();

        String html = HtmlReport.render(List.of(a, b));
        assertThat(legendNames(html, "series-legend")).containsExactly("threaded (run 1)", "native-threaded (run 1)",
                "threaded (run 2)", "native-threaded (run 2)");
        // the same file given twice is two runs as well
        assertThat(legendNames(HtmlReport.render(List.of(a, a)), "series-legend")).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void aConnectionCountGivenTwiceIsTwoSeries() {
        ModelRun first = KnownRuns.model("threaded", 900, 1000);
        ModelRun again = KnownRuns.model("threaded", 700, 750);
        String html = HtmlReport.render(List.of(KnownRuns.run("Linux", first, again)));
        assertThat(legendNames(html, "series-legend")).containsExactly("threaded", "threaded (2)");
        assertThat(html).contains("<figure class=\"chart\" id=\"aggregate_mibps\"");
    }

    @Test
    void whiskersOfAPositiveQuantityStopAtZero() {
        // 10 and 1000 MiB/s: mean 505, standard deviation 700; the whisker would reach -195
        List<ReportRow> rows = ReportRow.of(List.of(KnownRuns.run("Linux", KnownRuns.model("threaded", 10, 1000))));
        String svg = ModelBarChart.render(Figure.AGGREGATE_MIBPS, rows, SeriesStyles.of(rows)).svg();
        double zero = axisX(svg);
        Matcher whisker = Pattern.compile("<line x1=\"([0-9.-]+)\"[^>]*x2=\"([0-9.-]+)\"[^>]*stroke:rgb\\(51,51,51\\)")
                .matcher(svg);
        List<Double> xs = new ArrayList<>();
        while (whisker.find()) {
            xs.add(Double.parseDouble(whisker.group(1)));
            xs.add(Double.parseDouble(whisker.group(2)));
        }
        assertThat(xs).isNotEmpty().allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(zero - 0.01));
        assertThat(xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isEqualTo(zero, within(0.01));
        // no tick below zero either
        assertThat(svg).doesNotContain(">-");
    }

    @Test
    void theHeaderSaysWhatWasMeasuredInUnitsPeopleRead() {
        String html = HtmlReport.render(List.of(KnownRuns.run("Linux", KnownRuns.model("threaded", 900, 1000))));
        assertThat(html).contains("<th>payload</th><td>1 MiB per connection</td>", "<th>connections</th><td>100</td>",
                "<th>read buffer</th><td>64 KiB</td>", "<th>timeouts</th><td>connect 10 s, read 30 s</td>",
                "<th>memory sampling</th><td>every 10 ms</td>", "4 GiB memory");
        assertThat(html).doesNotContain("1048576 bytes", "[100]", "65536 bytes");
        assertThat(html.indexOf("id=\"measured\"")).isLessThan(html.indexOf("id=\"table\""));
        assertThat(Units.bytes(8388608)).isEqualTo("8 MiB");
        assertThat(Units.bytes(200)).isEqualTo("200 B");
        assertThat(Units.nanos(1500)).isEqualTo("1.5 us");
        assertThat(Units.nanos(2_500_000)).isEqualTo("2.5 ms");
        assertThat(Units.millis(30_000)).isEqualTo("30 s");
    }

    @Test
    void errorsAreListedPerKindWithTheirFirstMessage() {
        ModelRun ok = KnownRuns.model("threaded", 900);
        JobResult timedOut = new JobResult(7, 0, 10, 20, 30, 40, -1, 0, -1, 0, "read_timeout",
                "no byte for 30 s after 512 KiB");
        JobResult alsoTimedOut = new JobResult(8, 0, 10, 20, 30, 40, -1, 0, -1, 0, "read_timeout", "another message");
        IterationResult failing = new IterationResult(2, ok.iterations().get(0).figures(), null,
                Map.of("read_timeout", 2), null, List.of(timedOut, alsoTimedOut), List.of());
        IterationResult crashed = new IterationResult(3, ok.iterations().get(0).figures(), "the child exited with 134",
                Map.of(), null, List.of(), List.of());
        List<IterationResult> iterations = List.of(ok.iterations().get(0), failing, crashed);
        ModelRun run = new ModelRun("threaded", "Threaded", 100, null, iterations, Aggregator.summary(iterations, 100));
        String html = HtmlReport.render(List.of(KnownRuns.run("Linux", run)));
        assertThat(html).contains("<tr><th>Threaded</th><td>read_timeout</td><td>2</td><td>iteration 2, connection 7: "
                + "no byte for 30 s after 512 KiB</td></tr>", "<td>iteration failed</td><td>1</td><td>iteration 3: "
                + "the child exited with 134</td>");
        assertThat(html).doesNotContain("another message");
    }

    /** The x of the bar chart's zero line (the dark axis line). */
    private static double axisX(String svg) {
        Matcher m = Pattern.compile("<line x1=\"([0-9.]+)\"[^>]*stroke:rgb\\(64,64,64\\)").matcher(svg);
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static List<String> legendNames(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        String legend = html.substring(at, html.indexOf("</div>", at));
        List<String> names = new ArrayList<>();
        Matcher m = LEGEND_NAME.matcher(legend);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
