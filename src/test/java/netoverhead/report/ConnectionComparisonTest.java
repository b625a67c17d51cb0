package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import netoverhead.result.ConnectionFigures;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/** compare for churn and idle: their figures, in their operation's words and units. */
class ConnectionComparisonTest {
    private static final long US = ConnectionRuns.US;

    private static RunResult churn(long connections, double cpuUser, double connectP50) {
        ModelRun threaded = ConnectionRuns.with(RrRuns.model("threaded", 128L,
                RrRuns.Iteration.closed(connections, cpuUser, 0.06, 200 * US),
                RrRuns.Iteration.closed(connections + 200, cpuUser, 0.06, 200 * US),
                RrRuns.Iteration.closed(connections - 200, cpuUser, 0.06, 200 * US)), RrRuns.CONNECTIONS,
                ConnectionRuns.connect(connectP50, 90), ConnectionRuns.connect(connectP50 + 10, 100),
                ConnectionRuns.connect(connectP50 - 10, 200));
        return ConnectionRuns.churn(threaded);
    }

    @Test
    void twoChurnRunsCompareConnectionsPerSecondTheBillPerConnectionAndConnectLatency() {
        String text = Comparison.render("a.json", churn(2000, 0.02, 40), "b.json", churn(4000, 0.06, 80),
                Comparison.Test.WELCH);
        List<String> lines = text.lines().toList();
        assertThat(text).contains("Connect latency: the change of the median of the iterations' own percentiles")
                .doesNotContain("Warning: the workloads differ", "request", "aggregate throughput");
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: connections per second +100.0% [")
                && l.contains("significant") && l.endsWith("; 1000 -> 2000 connections/s (3 vs 3 iterations)"));
        // 0.12 s over 4000, 4200 and 3800 connections against 0.08 s over 2000, 2200 and 1800
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: CPU per connection -25.4% [")
                && l.contains("; 40.27 -> 30.05 us"));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: context switches per connection "));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: transaction latency p99 "));
        // the medians of 30, 40, 50 and of 70, 80, 90 us
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: connect latency p50 +100.0% [")
                && l.endsWith("; 40 -> 80 us (3 vs 3 iterations)"));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: connect latency p99 +0.0%")
                && l.contains("; 100 -> 100 us"));
    }

    @Test
    void twoIdleRunsCompareWhatAnIdleConnectionCosts() {
        ConnectionFigures c = ConnectionRuns.established(0.5, 10, 40960, 12);
        RrRuns.Iteration busier = RrRuns.Iteration.closed(20, 0.02, 0.06, 150 * US);
        RrRuns.Iteration busierStill = RrRuns.Iteration.closed(20, 0.03, 0.06, 150 * US);
        ModelRun b = ConnectionRuns.with(RrRuns.model("threaded", null, busier, busierStill, busier), 10, c, c, c);
        String text = Comparison.render("a.json", ConnectionRuns.idle(ConnectionRuns.idleThreaded(10)), "b.json",
                ConnectionRuns.idle(b), Comparison.Test.WELCH);
        List<String> lines = text.lines().toList();
        // (0.02 + 0.06), (0.03 + 0.06) and (0.02 + 0.06) s of CPU over windows of 2 s
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: standing CPU +")
                && l.contains("; 0.02 -> 0.04167 s/s"));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: memory per idle connection ")
                && l.contains("2048 -> 2048 KiB"));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: heartbeats per second ")
                && l.contains(" heartbeats/s"));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: kernel socket memory per connection ")
                && l.contains("4 -> 4 KiB"));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: heartbeat round trip p50 "));
        assertThat(text).doesNotContain("request", "connect latency", "Connect latency");
    }

    @Test
    void runsOfDifferentWorkloadsAreWarnedOf() {
        String text = Comparison.render("a.json", RrTableTest.closedLoop(), "b.json", ConnectionRuns.churn(),
                Comparison.Test.WELCH);
        assertThat(text).contains("Warning: the workloads differ (rr and churn).");
    }
}
