package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import netoverhead.harness.Aggregator;
import netoverhead.result.Environment;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.LatencyHistograms;
import netoverhead.result.LatencySummary;
import netoverhead.result.MemorySample;
import netoverhead.result.ModelRun;
import netoverhead.result.OperationFigures;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;
import netoverhead.result.Stat;
import netoverhead.result.WorkloadSettings;

/** rr runs built from chosen per-iteration figures and latencies, for tests that know the right answer. */
final class RrRuns {
    static final int CONNECTIONS = 10;

    private RrRuns() {}

    /**
     * One iteration: {@code operations} requests answered in a window of {@code windowS}, each latency
     * given (ns) as often as {@code operations / latencies.length}, the client's CPU, context switches, system
     * calls (null: not counted), the server's CPU and the rate ratio (null: closed loop).
     */
    record Iteration(long operations, double windowS, long[] latenciesNs, double cpuUserS, double cpuSysS,
                     Long contextSwitches, Long syscalls, Double serverCpuS, Double rateRatio, String cpuSource,
                     String syscallsUnavailable) {
        static Iteration closed(long operations, double cpuUserS, double cpuSysS, long... latenciesNs) {
            return new Iteration(operations, 2.0, latenciesNs, cpuUserS, cpuSysS, operations / 2, operations * 3,
                    cpuUserS, null, "schedstat", null);
        }

        Iteration at(Double ratio) {
            return new Iteration(operations, windowS, latenciesNs, cpuUserS, cpuSysS, contextSwitches, syscalls,
                    serverCpuS, ratio, cpuSource, syscallsUnavailable);
        }

        Iteration withoutSyscalls(String why, String cpu) {
            return new Iteration(operations, windowS, latenciesNs, cpuUserS, cpuSysS, contextSwitches, null,
                    serverCpuS, rateRatio, cpu, why);
        }

        Histogram histogram() {
            Histogram h = new Histogram(2);
            long each = operations / latenciesNs.length;
            for (long ns : latenciesNs) h.recordValueWithCount(ns, each);
            return h;
        }
    }

    static ModelRun model(String name, Long responseBytes, Iteration... spec) {
        List<IterationResult> iterations = new ArrayList<>();
        Histogram merged = new Histogram(2);
        List<Double> p99s = new ArrayList<>();
        for (int i = 0; i < spec.length; i++) {
            Iteration s = spec[i];
            Histogram h = s.histogram();
            merged.add(h);
            p99s.add(h.getValueAtPercentile(99) / 1e3);
            OperationFigures ops = new OperationFigures(s.windowS(), s.operations(), 100, 5,
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                    h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
                    s.rateRatio(), s.contextSwitches(), s.syscalls());
            IterationFigures f = new IterationFigures(20.0, 10.0, 2.5, 0.01, 0.5, 4.5, 60.0, 70.0, 40.0,
                    s.cpuUserS(), s.cpuSysS(), s.operations() * 128, s.operations() * 128, 0).withOperations(ops, s.operations() * 128);
            List<MemorySample> memory = List.of(new MemorySample(0, 50L << 20), new MemorySample(1000, 60L << 20),
                    new MemorySample(2000, 62L << 20));
            iterations.add(new IterationResult(i + 1, f, null, Map.of(), s.serverCpuS(), List.of(), memory,
                    LatencyHistograms.encode(h), s.cpuSource(), s.syscallsUnavailable()));
        }
        LatencySummary latency = new LatencySummary(merged.getTotalCount(), merged.getValueAtPercentile(50) / 1e3,
                merged.getValueAtPercentile(90) / 1e3, merged.getValueAtPercentile(99) / 1e3,
                merged.getValueAtPercentile(99.9) / 1e3, merged.getMaxValue() / 1e3, Stat.of(p99s),
                LatencyHistograms.encode(merged));
        return new ModelRun(name, name, CONNECTIONS, null, iterations, Aggregator.summary(iterations, CONNECTIONS),
                responseBytes, latency);
    }

    static RunResult run(long rate, List<Long> responses, ModelRun... models) {
        return run(new WorkloadSettings("rr", 1, rate, 2.0, 2.0, 0, responses), models);
    }

    /** A run of any workload of operations, of these model runs. */
    static RunResult run(WorkloadSettings workload, ModelRun... models) {
        Environment env = new Environment("Linux", "6.1.0", "x86_64", "test CPU", 2, 4L << 30, "25.0.3", "test",
                List.of(), "0.1.0", "host");
        List<Integer> counts = List.of(models).stream().map(ModelRun::connections).distinct().toList();
        RunSettings settings = new RunSettings(List.of(models).stream().map(ModelRun::model).distinct().toList(),
                counts, models[0].iterations().size(), 200L << 20, "127.0.0.1", 8000, "/testpayload", "embedded",
                "embedded", 65536, null, 0, 10, 10000, 30000, false, null, null, null, null, true, "normal", null,
                workload);
        return new RunResult("netoverhead", env, settings, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", true,
                List.of(models));
    }
}
