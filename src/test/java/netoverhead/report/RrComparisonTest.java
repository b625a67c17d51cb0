package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/** compare for rr: requests/s, CPU, context switches, system calls per request, merged latency, the rate. */
class RrComparisonTest {
    private static final long US = 1000;

    private static RunResult run(long rate, double ratio, long ops, double cpuUser, long p99Us) {
        ModelRun threaded = RrRuns.model("threaded", 128L,
                RrRuns.Iteration.closed(ops, cpuUser, 0.6, 100 * US, 100 * US, 100 * US, p99Us * US).at(ratio),
                RrRuns.Iteration.closed(ops + 400, cpuUser, 0.6, 100 * US, 100 * US, 100 * US, p99Us * US).at(ratio),
                RrRuns.Iteration.closed(ops - 400, cpuUser, 0.6, 100 * US, 100 * US, 100 * US, p99Us * US).at(1.0));
        return RrRuns.run(rate, List.of(128L), threaded);
    }

    @Test
    void requestsCpuAndMergedLatencyAreComparedAndAMissedRateIsNoted() {
        RunResult a = run(10000, 1.0, 20000, 0.2, 1000);
        RunResult b = run(10000, 0.9, 40000, 0.6, 2000);
        String text = Comparison.render("a.json", a, "b.json", b, Comparison.Test.WELCH);
        List<String> lines = text.lines().toList();
        assertThat(text).contains("Latency: the change of the percentile of the histograms merged");
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: requests per second +100.0% [")
                && l.contains("significant") && l.endsWith("; 10000 -> 20000 requests/s (3 vs 3 iterations)"));
        // (0.6 + 0.6) s / 40000 against (0.2 + 0.6) s / 20000
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: CPU per request -25.0% [")
                && l.contains(" -> 30 us"));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: context switches per request "));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: system calls per request "));
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: latency p50 ") && l.contains("100.4 -> 100.4 us"));
        // a quarter of the requests at p99Us: the merged p99 is that
        assertThat(lines).anyMatch(l -> l.startsWith("threaded: latency p99 +100.0%")
                && l.endsWith("; 1004 -> 2007 us (3 vs 3 iterations)"));
        assertThat(lines).containsOnlyOnce(
                "threaded, 10 connections, 128 B responses: did not hold the rate in 2 of 3 iterations of B");
        assertThat(text).doesNotContain("of A", "aggregate throughput", "download");
    }
}
