package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/** The rr table: what the rows share, merged percentiles (never averaged), the bill per request, the notes. */
class RrTableTest {
    private static final long US = 1000;

    static RunResult closedLoop() {
        // threaded: two iterations at 100 us and one at 1 ms: the merged p50 is 100 us, the merged p99 1 ms,
        // where a mean of the iterations' p99 would say 400 us
        ModelRun threaded = RrRuns.model("threaded", 128L,
                RrRuns.Iteration.closed(20000, 0.2, 0.6, 100 * US),
                RrRuns.Iteration.closed(20000, 0.2, 0.6, 100 * US),
                RrRuns.Iteration.closed(20000, 0.2, 0.6, 1000 * US));
        ModelRun poll = RrRuns.model("poll", 128L,
                RrRuns.Iteration.closed(40000, 0.1, 0.3, 50 * US),
                RrRuns.Iteration.closed(40000, 0.1, 0.3, 50 * US),
                RrRuns.Iteration.closed(40000, 0.1, 0.3, 50 * US));
        return RrRuns.run(0, List.of(128L), threaded, poll);
    }

    @Test
    void aRowPerModelWithMergedPercentilesAndTheBillPerRequest() {
        String table = HaikuTable.render(List.of(closedLoop()));
        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst()).startsWith("Linux (x86_64, 6.1.0, JDK 25.0.3) on host; server embedded; "
                + "10 connections; 3 iterations; workload rr; response 128B; pipeline 1; closed loop; window 2 s; "
                + "warm-up 2 s").doesNotContain("payload");
        assertThat(lines).contains(RrTable.HEADER);
        String threaded = lines.stream().filter(l -> l.startsWith("| threaded |")).findFirst().orElseThrow();
        List<String> cells = Arrays.stream(threaded.split("\\|")).map(String::strip).toList();
        assertThat(cells.get(2)).isEqualTo("10000"); // 60000 requests over three windows of 2 s
        assertThat(cells.get(3)).startsWith("100.").endsWith(" us");
        assertThat(cells.get(4)).startsWith("1.00").contains(" ± 0.52 ms");
        assertThat(cells.get(7)).isEqualTo("40 us"); // (0.2 + 0.6) s / 20000
        assertThat(cells.get(8)).isEqualTo("0.5");
        assertThat(cells.get(9)).isEqualTo("3");
        assertThat(cells.get(10)).isEqualTo("2048 KiB"); // (60 - 40) MiB over 10 connections
        assertThat(cells.get(11)).isEqualTo("10 us"); // the server's 0.2 s / 20000
        assertThat(cells.get(12)).isEqualTo("0");
        assertThat(table).doesNotContain("System calls: n/a", "clock ticks", "did not hold");
    }

    @Test
    void anOpenLoopIterationBelowItsRateIsMarkedAndUncountedSyscallsAreNaWithTheReasonOnce() {
        String why = "perf is not installed";
        ModelRun threaded = RrRuns.model("threaded", 128L,
                RrRuns.Iteration.closed(20000, 0.2, 0.6, 100 * US).at(1.0).withoutSyscalls(why, "clock ticks"),
                RrRuns.Iteration.closed(19000, 0.2, 0.6, 100 * US).at(0.95).withoutSyscalls(why, "clock ticks"));
        ModelRun poll = RrRuns.model("poll", 128L,
                RrRuns.Iteration.closed(20000, 0.1, 0.3, 50 * US).at(0.995)
                        .withoutSyscalls(why, "schedstat (user/system split from clock ticks)"),
                RrRuns.Iteration.closed(20000, 0.1, 0.3, 50 * US).at(1.0).withoutSyscalls(why, "cgroup v2"));
        String table = HaikuTable.render(List.of(RrRuns.run(10000, List.of(128L), threaded, poll)));
        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst()).contains("; rate 10000/s; ").doesNotContain("closed loop");
        assertThat(lines).anyMatch(l -> l.startsWith("| threaded, did not hold the rate (1 of 2 iterations) |"));
        String poll1 = lines.stream().filter(l -> l.startsWith("| poll |")).findFirst().orElseThrow();
        assertThat(Arrays.stream(poll1.split("\\|")).map(String::strip).toList().get(9)).isEqualTo("n/a");
        assertThat(table).containsOnlyOnce("System calls: n/a: perf is not installed.")
                .containsOnlyOnce("CPU from clock ticks").contains("for threaded. Per request, a coarse figure.")
                .contains("open loop: from each request's intended send time")
                .contains("Did not hold the rate: ");
    }

    @Test
    void aSweepOverResponseSizesHasARowPerModelAndSize() {
        ModelRun small = RrRuns.model("poll", 128L, RrRuns.Iteration.closed(40000, 0.1, 0.3, 50 * US));
        ModelRun large = RrRuns.model("poll", 65536L, RrRuns.Iteration.closed(4000, 0.1, 0.3, 500 * US));
        String table = HaikuTable.render(List.of(RrRuns.run(0, List.of(128L, 65536L), small, large)));
        assertThat(table.lines().toList().getFirst()).contains("; response 128B,64KiB; ");
        assertThat(table).contains("| poll, 128 B responses | 20000 | ", "| poll, 64 KiB responses | 2000 | ");
        // the CSV: a row per size, payload_bytes the response size, the bulk-only columns empty
        List<String> csv = CsvReport.render(List.of(RrRuns.run(0, List.of(128L, 65536L), small, large))).lines()
                .toList();
        assertThat(csv.get(1)).startsWith("poll,10,128,1,20,10,,,,4.5,60,70,40,0.1,0.3,5120000,5120000,0,rr,2,40000,"
                + "20000,");
        assertThat(csv.get(1)).endsWith(",10,0.5,3,");
        assertThat(csv.get(2)).startsWith("poll,10,65536,1,");
    }

    @Test
    void aBulkTableSaysWhereCpuCameFromClockTicks() {
        ModelRun fine = KnownRuns.model("poll", 100, 110);
        ModelRun coarse = KnownRuns.model("threaded", 90, 95);
        List<IterationResult> ticked = coarse.iterations().stream()
                .map(it -> new IterationResult(it.iteration(), it.figures(), null, it.errorsByKind(), null, it.jobs(),
                        it.memory(), null, "clock ticks", null))
                .toList();
        ModelRun threaded = new ModelRun("threaded", "threaded", coarse.connections(), null, ticked, coarse.summary());
        String table = HaikuTable.render(List.of(KnownRuns.run("Linux", fine, threaded)));
        assertThat(table).containsOnlyOnce("CPU from clock ticks (10 ms resolution; no cgroup or schedstat to read) "
                + "for threaded.");
        assertThat(HaikuTable.render(List.of(KnownRuns.run("Linux", fine)))).doesNotContain("clock ticks");
    }
}
