package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.result.RunResult;
import netoverhead.testing.Cli;

/** rr results read back from JSON print the same tables; bulk results without the rr fields still read. */
class RrJsonTest {
    @TempDir
    Path dir;

    @Test
    void reportReadsAnRrRunBackAndPrintsTheSameTable() throws Exception {
        RunResult rr = RrTableTest.closedLoop();
        Path file = dir.resolve("rr.json");
        Files.writeString(file, JsonReport.render(rr));
        RunResult back = JsonReport.read(file);
        assertThat(back.settings().workload()).isEqualTo(rr.settings().workload());
        assertThat(back.runs().getFirst().latency().histogram()).isEqualTo(rr.runs().getFirst().latency().histogram());
        assertThat(HaikuTable.render(List.of(back))).isEqualTo(HaikuTable.render(List.of(rr)));
        assertThat(CsvReport.render(List.of(back))).isEqualTo(CsvReport.render(List.of(rr)));

        Cli.Result report = Cli.run(60, "report", file.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(report.stdout()).isEqualTo(HaikuTable.render(List.of(rr)));
        assertThat(report.stdout()).contains(RrTable.HEADER, "| threaded | 10000 | 100.4 us | 1.004 ± 0.52 ms |");
    }

    @Test
    void aBulkRunWithoutTheRrFieldsReadsAsBulk() throws Exception {
        RunResult bulk = KnownRuns.run("Linux", KnownRuns.model("threaded", 100, 110));
        String json = JsonReport.render(bulk);
        // what a result written before workloads existed holds: none of their fields
        assertThat(json).doesNotContain("\"workload\"", "\"latency\"", "\"responseBytes\"", "\"operations\"",
                "\"latencyHistogram\"", "\"cpuSource\"", "\"syscallsUnavailable\"", "opsWindow");
        Path file = dir.resolve("bulk.json");
        Files.writeString(file, json);
        RunResult back = JsonReport.read(file);
        assertThat(back.settings().workloadOrBulk().bulk()).isTrue();
        assertThat(HaikuTable.render(List.of(back))).isEqualTo(HaikuTable.render(List.of(bulk)))
                .startsWith("Linux (x86_64, 6.1.0, JDK 25.0.3) on host-Linux; server embedded; payload 1MiB; ")
                .contains(HaikuTable.HEADER).doesNotContain(RrTable.HEADER, "workload");
    }
}
