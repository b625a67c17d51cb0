package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

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
        System.out.println(table);
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
}
