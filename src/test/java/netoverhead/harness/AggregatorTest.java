package netoverhead.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.Stat;

class AggregatorTest {
    private static final long MIB = 1 << 20;

    private static JobResult ok(int id, long start, long create, long setup, long sent, long end, long bytes) {
        return new JobResult(id, start, create, setup, start + 1000, sent, end, bytes, bytes, 200, null, null);
    }

    @Test
    void iterationFiguresFollowTheDefinitions() {
        // two jobs of 10 MiB: one downloads in 1 s, the other in 0.5 s; one failed job with 1 MiB received
        List<JobResult> jobs = List.of(
                ok(0, 0, 2_000, 10_000, 100_000, 1_000_100_000L, 10 * MIB),
                ok(1, 20_000, 4_000, 30_000, 200_000, 500_200_000L, 10 * MIB),
                new JobResult(2, 40_000, 6_000, 20_000, 50_000, 60_000, 2_000_000_000L, MIB, 10 * MIB, 200,
                        "truncated", "connection closed after 1048576 of 10485760 body bytes"));
        var process = new Aggregator.ProcessFigures(50.0 * MIB, 60.0 * MIB, 40.0 * MIB, 0.25, 0.5);
        IterationFigures f = Aggregator.figures(jobs, 10 * MIB, 3, process);

        assertThat(f.socketCreateUs()).isCloseTo(4.0, within(1e-9));      // (2+4+6) us / 3
        assertThat(f.jobSetupUs()).isCloseTo(20.0, within(1e-9));         // (10+30+20) us / 3
        assertThat(f.downloadS()).isCloseTo(0.75, within(1e-9));          // successful jobs only: (1 + 0.5) / 2
        assertThat(f.downloadMibps()).isCloseTo(15.0, within(1e-9));      // (10/1 + 10/0.5) / 2
        assertThat(f.runS()).isCloseTo(2.0, within(1e-9));                // first socket at 0, last end at 2 s
        assertThat(f.aggregateMibps()).isCloseTo(21.0 / 2.0, within(1e-9)); // all 21 MiB over the run time
        assertThat(f.memoryAvgMib()).isEqualTo(50.0);
        assertThat(f.memoryPeakMib()).isEqualTo(60.0);
        assertThat(f.memoryBaselineMib()).isEqualTo(40.0);
        assertThat(f.cpuUserS()).isEqualTo(0.25);
        assertThat(f.cpuSysS()).isEqualTo(0.5);
        assertThat(f.bytesReceived()).isEqualTo(21 * MIB);
        assertThat(f.bytesExpected()).isEqualTo(30 * MIB);
        assertThat(f.errors()).isEqualTo(1);
        assertThat(Aggregator.errorsByKind(jobs, 3)).containsExactly(Map.entry("truncated", 1));
    }

    @Test
    void jobsTheChildNeverReportedCountAsErrors() {
        IterationFigures f = Aggregator.figures(List.of(ok(0, 0, 1, 1, 10, 20, 5)), 5, 4,
                Aggregator.ProcessFigures.NONE);
        assertThat(f.errors()).isEqualTo(3);
        assertThat(f.memoryAvgMib()).isNull();
        assertThat(Aggregator.errorsByKind(List.of(), 2)).containsExactly(Map.entry("unreported", 2));
    }

    @Test
    void noSuccessfulJobMeansNoDownloadFigureRatherThanZero() {
        IterationFigures f = Aggregator.figures(List.of(), 5, 1, Aggregator.ProcessFigures.NONE);
        assertThat(f.downloadS()).isNull();
        assertThat(f.runS()).isNull();
        assertThat(f.aggregateMibps()).isNull();
    }

    @Test
    void summaryHasMeanStandardDeviationAndMedian() {
        Stat s = Stat.of(List.of(1.0, 2.0, 3.0, 10.0));
        assertThat(s.mean()).isEqualTo(4.0);
        assertThat(s.median()).isEqualTo(2.5);
        assertThat(s.stddev()).isCloseTo(Math.sqrt((9 + 4 + 1 + 36) / 3.0), within(1e-12));
        assertThat(Stat.of(List.of(7.0)).stddev()).isZero();

        var figures = new IterationFigures(1.0, 2.0, 3.0, 4.0, 100.0, 5.0, 30.0, 31.0, 20.0, 1.0, 2.0, 10, 10, 0);
        var other = new IterationFigures(3.0, 2.0, 3.0, 4.0, 200.0, 5.0, 40.0, 41.0, 20.0, 1.0, 2.0, 10, 10, 0);
        var summary = Aggregator.summary(List.of(
                new IterationResult(1, figures, null, Map.of(), null, List.of(), List.of()),
                new IterationResult(2, other, null, Map.of(), null, List.of(), List.of())), 10);
        assertThat(summary.get("socket_create_us").mean()).isEqualTo(2.0);
        assertThat(summary.get("aggregate_mibps").median()).isEqualTo(150.0);
        // (avg - baseline) / N in KiB: (30-20)*1024/10 and (40-20)*1024/10
        assertThat(summary.get("memory_per_connection_kib").mean()).isCloseTo(1536.0, within(1e-9));
    }
}
