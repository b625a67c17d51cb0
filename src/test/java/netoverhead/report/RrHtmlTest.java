package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import netoverhead.model.registry.ModelRegistry;

/** The HTML page of rr: the spectrum, the bars, the response-size sweep; no download charts. */
class RrHtmlTest {
    private static final Pattern FIGURE_ID = Pattern.compile("<figure class=\"chart\" id=\"([^\"]+)\">");

    @Test
    void anRrSweepHasItsSpectraBarsAndSizeCharts() {
        String html = HtmlReport.render(List.of(RrPage.sweep(RrPage.RESPONSES)));
        Matcher m = FIGURE_ID.matcher(html);
        List<String> ids = m.results().map(r -> r.group(1)).toList();
        assertThat(ids).containsSubsequence("latency-spectrum-1", "latency-spectrum-2", "latency-spectrum-3",
                "response-cpu_us_per_op-1", "response-ops_per_s-1", "ops_per_s", "cpu_us_per_op",
                "cpu_user_us_per_op", "cpu_sys_us_per_op", "memory-curve-1", "memory-curve-3");
        assertThat(ids).doesNotContain("aggregate_mibps", "download-distribution-1", "latency-spectrum-4");
        assertThat(html).doesNotContain("id=\"downloads\"", "per connection</td>")
                .contains("<td>rr: requests on kept-alive connections, 1 in flight each, closed loop</td>",
                        "<td>128 B, 4 KiB, 64 KiB per request</td>", "<td>2 s measured, after 2 s of warm-up</td>");
        // the spectrum's axes: percentiles on 1/(1-p); latency on a log scale, as the slowest model's tail is more
        // than a hundred times the fastest requests; every model a curve in its colour
        String spectrum = html.substring(html.indexOf("id=\"latency-spectrum-1\""));
        spectrum = spectrum.substring(0, spectrum.indexOf("</figure>"));
        assertThat(spectrum).contains("Latency by percentile, 10 connections, 128 B responses", ">50%<", ">90%<",
                ">99%<", ">99.9%<", ">99.99%<", "latency (ms, log scale)", "percentile (1/(1-p), log scale)");
        assertThat(Pattern.compile("<polyline ").matcher(spectrum).results().count())
                .isEqualTo(ModelRegistry.all().size());
        assertThat(html).contains("<p class=\"note rr-note\">Latency: percentiles of one histogram merged");
        // the table shows a row per model and response size
        assertThat(html).contains("Threaded, 128 B responses", "Threaded, 64 KiB responses");
    }

    @Test
    void aBulkPageHasNoRrCharts() {
        String html = HtmlReport.render(List.of(KnownRuns.run("Linux", KnownRuns.model("threaded", 100, 110))));
        assertThat(html).contains("id=\"aggregate_mibps\"", "id=\"downloads\"").doesNotContain("latency-spectrum",
                "ops_per_s", "response-");
    }
}
