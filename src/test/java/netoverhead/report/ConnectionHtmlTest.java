package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The HTML page of churn and idle: their spectra, bars and idle's memory against the connection count. */
class ConnectionHtmlTest {
    private static final Pattern FIGURE = Pattern.compile(
            "<figure class=\"chart\" id=\"([^\"]+)\">\\s*<figcaption>([^<]*)</figcaption>");

    private static List<String> ids(String html) {
        return FIGURE.matcher(html).results().map(r -> r.group(1)).toList();
    }

    private static String caption(String html, String id) {
        Matcher m = FIGURE.matcher(html);
        while (m.find()) if (m.group(1).equals(id)) return m.group(2);
        throw new AssertionError("no chart " + id);
    }

    @Test
    void churnHasItsTransactionLatencyConnectionsPerSecondAndCpuPerConnection() {
        String html = HtmlReport.render(List.of(ConnectionRuns.churn()));
        assertThat(ids(html)).containsSubsequence("churn-latency-spectrum-1", "churn-ops_per_s", "churn-cpu_us_per_op",
                "churn-cpu_user_us_per_op", "churn-cpu_sys_us_per_op", "memory-curve-1")
                .doesNotContain("aggregate_mibps", "ops_per_s", "latency-spectrum-1", "download-distribution-1");
        assertThat(caption(html, "churn-latency-spectrum-1"))
                .isEqualTo("Transaction latency by percentile, 10 connections, 128 B responses");
        assertThat(caption(html, "churn-ops_per_s")).isEqualTo("connections per second per model");
        assertThat(caption(html, "churn-cpu_sys_us_per_op")).isEqualTo("CPU system per connection per model");
        assertThat(html).contains("connections per second (connections/s)", "transaction latency (us)",
                "<p class=\"note churn-note\">Transaction latency: ",
                "<td>churn: a connection per operation: socket, connect, request, response, close")
                .doesNotContain("id=\"downloads\"", "requests per second", "CPU per request");
    }

    @Test
    void idleHasItsRoundTripMemoryPerIdleConnectionAgainstTheCountAndStandingCpu() {
        String sweep = HtmlReport.render(List.of(ConnectionRuns.idle(ConnectionRuns.idleThreaded(10),
                ConnectionRuns.idleThreaded(100))));
        assertThat(ids(sweep)).containsSubsequence("idle-latency-spectrum-1", "idle-latency-spectrum-2",
                "idle-sweep-memory_per_connection_kib", "idle-kernel_socket_kib_per_connection",
                "idle-standing_cpu_s_per_s", "idle-threads").doesNotContain("idle-memory_per_connection_kib");
        assertThat(caption(sweep, "idle-sweep-memory_per_connection_kib"))
                .isEqualTo("memory per idle connection against connections");
        assertThat(caption(sweep, "idle-latency-spectrum-2")).isEqualTo("Heartbeat round trip by percentile, "
                + "100 connections");
        assertThat(caption(sweep, "idle-standing_cpu_s_per_s")).isEqualTo("standing CPU per model");
        assertThat(sweep).contains("standing CPU (s/s)", "heartbeat round trip (us)",
                "<p class=\"note idle-note\">Established: ").doesNotContain("per request", "ops_per_s");

        // with one connection count, the memory per idle connection is bars
        String one = HtmlReport.render(List.of(ConnectionRuns.idle(ConnectionRuns.idleThreaded(10))));
        assertThat(ids(one)).contains("idle-memory_per_connection_kib").doesNotContain(
                "idle-sweep-memory_per_connection_kib");
        assertThat(caption(one, "idle-memory_per_connection_kib")).isEqualTo("memory per idle connection per model");
    }

    @Test
    void aPageOfRrChurnAndIdleKeepsEveryChartIdOnce() {
        String html = HtmlReport.render(List.of(RrTableTest.closedLoop(), ConnectionRuns.churn(),
                ConnectionRuns.idle(ConnectionRuns.idleThreaded(10))));
        assertThat(ids(html)).doesNotHaveDuplicates().contains("latency-spectrum-1", "ops_per_s",
                "churn-latency-spectrum-1", "churn-ops_per_s", "idle-latency-spectrum-1", "idle-standing_cpu_s_per_s");
        assertThat(caption(html, "ops_per_s")).isEqualTo("requests per second per model");
    }
}
