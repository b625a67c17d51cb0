package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.MemorySample;

/** The HTML report's charts draw counted iterations only: one with a failed job keeps its figures but no curve. */
class CountedChartsTest {
    private static final long MS = 1_000_000;

    /** A job that downloaded in {@code downloadMs}, or failed ("truncated") when {@code failed}. */
    private static JobResult job(int id, long downloadMs, boolean failed) {
        long sent = 2 * MS;
        return new JobResult(id, 0, MS, MS, MS, sent, sent + downloadMs * MS, failed ? 10 : KnownRuns.PAYLOAD,
                KnownRuns.PAYLOAD, 200, failed ? "truncated" : null, failed ? "connection closed early" : null);
    }

    /** An iteration with the given run time, jobs and memory samples; its figures count its failed jobs. */
    private static IterationResult iteration(int index, double runS, List<JobResult> jobs, List<MemorySample> memory) {
        int failed = (int) jobs.stream().filter(JobResult::failed).count();
        IterationFigures f = new IterationFigures(20.0, 10.0, runS * 0.9, 50.0, 100.0, runS, 60.0, 70.0, 40.0, 0.5,
                0.25, KnownRuns.PAYLOAD, KnownRuns.PAYLOAD, failed);
        return new IterationResult(index, f, null, failed > 0 ? Map.of("truncated", failed) : Map.of(), null, jobs,
                memory);
    }

    private static List<MemorySample> samples(long rssMib) {
        List<MemorySample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) samples.add(new MemorySample(i * 10.0, (rssMib + i) << 20));
        return samples;
    }

    @Test
    void theDownloadDistributionLeavesOutIterationsWithFailedJobs() {
        IterationResult counted = iteration(1, 0.5, List.of(job(0, 1, false), job(1, 2, false), job(2, 3, false)),
                List.of());
        // its two successful downloads took 50 ms each, but one of its jobs failed: not counted, not drawn
        IterationResult failed = iteration(2, 0.5, List.of(job(0, 50, false), job(1, 50, false), job(2, 1, true)),
                List.of());
        assertThat(failed.counted()).isFalse();

        Histogram h = DownloadDistribution.histogram(List.of(counted, failed));
        assertThat(h.getTotalCount()).isEqualTo(3);
        assertThat(h.getMaxValue()).isLessThan(10 * MS);
        assertThat(DownloadDistribution.histogram(List.of(failed))).isNull();
    }

    @Test
    void theMemoryCurveIsTheMedianOfTheCountedIterations() {
        IterationResult fast = iteration(1, 1.0, List.of(job(0, 1, false)), samples(40));
        IterationResult slow = iteration(2, 3.0, List.of(job(0, 1, false)), samples(45));
        // the median run time of all three, but with a failed job: never the one drawn
        IterationResult failed = iteration(3, 2.0, List.of(job(0, 1, false), job(1, 1, true)), samples(90));
        assertThat(failed.ok()).isTrue();
        assertThat(failed.counted()).isFalse();

        assertThat(MemoryCurves.typical(List.of(fast, slow, failed))).isSameAs(fast);
        assertThat(MemoryCurves.typical(List.of(failed))).isNull();
    }
}
