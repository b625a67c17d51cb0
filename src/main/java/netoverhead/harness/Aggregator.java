package netoverhead.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import netoverhead.result.Figure;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.LatencySummary;
import netoverhead.result.LatencyHistograms;
import netoverhead.result.OperationFigures;
import netoverhead.result.Stat;
import netoverhead.workload.Latencies;

/**
 * Turns job records into an iteration's figures, and iterations into a summary, as docs/measuring.md defines
 * them.
 */
public final class Aggregator {
    private static final double MIB = 1 << 20;

    private Aggregator() {}

    /** Memory and CPU as the parent measured them; any may be null where they could not be read. */
    public record ProcessFigures(Double memoryAvgBytes, Double memoryPeakBytes, Double memoryBaselineBytes,
                                 Double cpuUserS, Double cpuSysS, Long contextSwitches, Long syscalls) {
        public static final ProcessFigures NONE = new ProcessFigures(null, null, null, null, null, null, null);

        public ProcessFigures(Double memoryAvgBytes, Double memoryPeakBytes, Double memoryBaselineBytes,
                              Double cpuUserS, Double cpuSysS) {
            this(memoryAvgBytes, memoryPeakBytes, memoryBaselineBytes, cpuUserS, cpuSysS, null, null);
        }
    }

    public static IterationFigures figures(List<JobResult> jobs, long payloadBytes, int connections,
                                           ProcessFigures process) {
        double socketSum = 0, setupSum = 0, downloadSum = 0, rateSum = 0;
        int socketN = 0, setupN = 0, okN = 0, errors = 0;
        long firstStart = Long.MAX_VALUE, lastEnd = Long.MIN_VALUE, received = 0;
        for (JobResult j : jobs) {
            if (j.socketCreateNs() >= 0) {
                socketSum += j.socketCreateNs();
                socketN++;
            }
            if (j.setupNs() >= 0) {
                setupSum += j.setupNs();
                setupN++;
            }
            if (j.socketStartNs() >= 0) firstStart = Math.min(firstStart, j.socketStartNs());
            if (j.endNs() >= 0) lastEnd = Math.max(lastEnd, j.endNs());
            received += j.bodyBytes();
            if (j.failed()) {
                errors++;
            } else if (j.downloadNs() >= 0) {
                double seconds = j.downloadNs() / 1e9;
                downloadSum += seconds;
                if (seconds > 0) rateSum += j.bodyBytes() / MIB / seconds;
                okN++;
            }
        }
        // jobs the child never reported (it died) count as failed too
        errors += Math.max(0, connections - jobs.size());
        Double runS = firstStart != Long.MAX_VALUE && lastEnd > firstStart ? (lastEnd - firstStart) / 1e9 : null;
        return new IterationFigures(
                socketN > 0 ? socketSum / socketN / 1e3 : null,
                setupN > 0 ? setupSum / setupN / 1e3 : null,
                okN > 0 ? downloadSum / okN : null,
                okN > 0 ? rateSum / okN : null,
                runS != null ? received / MIB / runS : null,
                runS,
                mib(process.memoryAvgBytes()),
                mib(process.memoryPeakBytes()),
                mib(process.memoryBaselineBytes()),
                process.cpuUserS(),
                process.cpuSysS(),
                received,
                payloadBytes * connections,
                errors);
    }

    /**
     * What the child said of a workload's measured window: its length, its latencies as LAT pairs (null or empty
     * when none), and the rate asked for (0 for the closed loop).
     */
    public record Window(long nanos, String latencyPairs, long rate, String connectLatencyPairs) {
        public Window(long nanos, String latencyPairs, long rate) {
            this(nanos, latencyPairs, rate, null);
        }

        /** Churn's connect latencies over the window; null for the other workloads. */
        public Histogram connectHistogram() {
            return connectLatencyPairs == null ? null : Latencies.decode(connectLatencyPairs);
        }

        public Histogram histogram() {
            return Latencies.decode(latencyPairs == null ? "" : latencyPairs);
        }

        /** The window's latencies in HdrHistogram's compressed encoding, base64. */
        public String encodedHistogram() {
            return LatencyHistograms.encode(histogram());
        }
    }

    /**
     * The operation figures of one iteration: counts from the job records, latency percentiles from the
     * window's histogram, the rate ratio of an open loop.
     */
    public static OperationFigures operations(List<JobResult> jobs, Window window, ProcessFigures process) {
        long ops = 0, warmup = 0, after = 0;
        for (JobResult j : jobs) {
            ops += j.opsWindow();
            warmup += j.opsWarmup();
            after += j.opsAfter();
        }
        double seconds = window.nanos() / 1e9;
        Histogram h = window.histogram();
        boolean any = h.getTotalCount() > 0;
        Double ratio = window.rate() > 0 && seconds > 0 ? ops / seconds / window.rate() : null;
        return new OperationFigures(seconds, ops, warmup, after,
                any ? us(h.getValueAtPercentile(50)) : null,
                any ? us(h.getValueAtPercentile(90)) : null,
                any ? us(h.getValueAtPercentile(99)) : null,
                any ? us(h.getValueAtPercentile(99.9)) : null,
                any ? us(h.getMaxValue()) : null,
                ratio, process.contextSwitches(), process.syscalls());
    }

    /**
     * Latency over the counted iterations: the percentiles of their merged histogram (never a mean of
     * percentiles) and the spread of their own p99; null when no counted iteration has a latency.
     */
    public static LatencySummary latency(List<IterationResult> iterations) {
        Histogram merged = null;
        List<Double> p99s = new ArrayList<>();
        for (IterationResult it : iterations) {
            if (!it.counted() || it.latencyHistogram() == null) continue;
            Histogram h = LatencyHistograms.decode(it.latencyHistogram());
            if (h.getTotalCount() == 0) continue;
            if (merged == null) merged = new Histogram(h.getNumberOfSignificantValueDigits());
            merged.add(h);
            p99s.add(us(h.getValueAtPercentile(99)));
        }
        if (merged == null) return null;
        return new LatencySummary(merged.getTotalCount(), us(merged.getValueAtPercentile(50)),
                us(merged.getValueAtPercentile(90)), us(merged.getValueAtPercentile(99)),
                us(merged.getValueAtPercentile(99.9)), us(merged.getMaxValue()), Stat.of(p99s),
                LatencyHistograms.encode(merged));
    }

    private static double us(long nanos) {
        return nanos / 1e3;
    }

    public static Map<String, Integer> errorsByKind(List<JobResult> jobs, int connections) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JobResult j : jobs) if (j.failed()) counts.merge(j.error(), 1, Integer::sum);
        if (jobs.size() < connections) counts.merge("unreported", connections - jobs.size(), Integer::sum);
        return counts;
    }

    /**
     * Mean, standard deviation and median of every summarised figure over the counted iterations only: an
     * iteration whose child failed or that has a failed job never enters them (see
     * {@link IterationResult#counted()}), so a download cut short or a run time of zero cannot move a mean.
     */
    public static Map<String, Stat> summary(List<IterationResult> iterations, int connections) {
        Map<String, Stat> summary = new LinkedHashMap<>();
        for (Figure figure : Figure.summarisedFigures()) {
            List<Double> values = new ArrayList<>();
            for (IterationResult it : iterations) {
                if (!it.counted()) continue;
                Double v = figure.of(it, connections);
                if (v != null && Double.isFinite(v)) values.add(v);
            }
            Stat stat = Stat.of(values);
            if (stat != null) summary.put(figure.key(), stat);
        }
        return summary;
    }

    private static Double mib(Double bytes) {
        return bytes == null ? null : bytes / MIB;
    }
}
