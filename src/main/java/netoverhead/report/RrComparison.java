package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.math3.stat.StatUtils;

import netoverhead.result.Figure;
import netoverhead.result.LatencySummary;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * What {@link Comparison} adds for the workloads of operations (rr, churn, idle): the latency percentiles of the
 * merged histograms (never a mean of percentiles), with the interval and verdict from the iterations' own
 * percentiles; churn's connect latency, of which no merged histogram is kept, as the median of the iterations'
 * own percentiles; and which model runs did not hold their asked rate.
 */
final class RrComparison {
    private RrComparison() {}

    /**
     * The changes of latency p50 and p99 of one model run, where both runs have merged histograms, and of
     * churn's connect latency p50 and p99, where both runs measured it.
     */
    static List<Comparison.Change> latency(ModelRun a, ModelRun b, Comparison.Test test) {
        List<Comparison.Change> changes = new ArrayList<>();
        LatencySummary la = a.latency();
        LatencySummary lb = b.latency();
        if (la != null && lb != null) changes.addAll(merged(a, la, b, lb, test));
        for (Figure figure : List.of(Figure.CONNECT_P50_US, Figure.CONNECT_P99_US)) {
            double[] va = Comparison.values(a, figure);
            double[] vb = Comparison.values(b, figure);
            if (va.length == 0 || vb.length == 0) continue;
            changes.add(Comparison.change(a.model(), a.connections(), figure, va, vb, test)
                    .withRuns(a.iterations().size(), b.iterations().size()).atResponse(a.responseBytes())
                    .merged(StatUtils.percentile(va, 50), StatUtils.percentile(vb, 50)));
        }
        return changes;
    }

    /** Latency p50 and p99 of the merged histograms. */
    private static List<Comparison.Change> merged(ModelRun a, LatencySummary la, ModelRun b, LatencySummary lb,
                                                  Comparison.Test test) {
        List<Comparison.Change> changes = new ArrayList<>();
        for (Figure figure : List.of(Figure.LATENCY_P50_US, Figure.LATENCY_P99_US)) {
            double[] va = Comparison.values(a, figure);
            double[] vb = Comparison.values(b, figure);
            if (va.length == 0 || vb.length == 0) continue;
            double mergedA = figure == Figure.LATENCY_P50_US ? la.p50Us() : la.p99Us();
            double mergedB = figure == Figure.LATENCY_P50_US ? lb.p50Us() : lb.p99Us();
            changes.add(Comparison.change(a.model(), a.connections(), figure, va, vb, test)
                    .withRuns(a.iterations().size(), b.iterations().size()).atResponse(a.responseBytes())
                    .merged(mergedA, mergedB));
        }
        return changes;
    }

    /**
     * That the workloads differ, how latency is compared when either run is of operations, and how connect latency
     * is where either run measured it (churn); else empty.
     */
    static String header(RunResult a, RunResult b) {
        String kindA = a.settings().workloadOrBulk().kind();
        String kindB = b.settings().workloadOrBulk().kind();
        StringBuilder sb = new StringBuilder();
        if (!kindA.equals(kindB)) {
            sb.append("Warning: the workloads differ (").append(kindA).append(" and ").append(kindB).append(").\n");
        }
        if (!a.settings().workloadOrBulk().bulk() || !b.settings().workloadOrBulk().bulk()) {
            sb.append("Latency: the change of the percentile of the histograms merged over each run's iterations; its "
                    + "interval and verdict come from the iterations' own percentiles.\n");
        }
        boolean connect = Stream.of(a, b).flatMap(r -> r.runs().stream())
                .anyMatch(r -> Comparison.values(r, Figure.CONNECT_P50_US).length > 0);
        if (connect) {
            sb.append("Connect latency: the change of the median of the iterations' own percentiles, with their "
                    + "interval and verdict.\n");
        }
        return sb.toString();
    }

    /** A line per run in which some open-loop iteration did not hold the rate. */
    static List<String> rateNotes(ModelRun a, ModelRun b) {
        List<String> notes = new ArrayList<>();
        note(notes, a, "A");
        note(notes, b, "B");
        return notes;
    }

    private static void note(List<String> notes, ModelRun run, String name) {
        int missed = OperationTable.missedRate(run);
        if (missed == 0) return;
        String response = run.responseBytes() == null ? "" : ", " + RowLabel.response(run);
        notes.add(run.model() + ", " + run.connections() + " connections" + response + ": " + OperationTable.DID_NOT_HOLD
                + " in " + missed + " of " + run.iterations().size() + " iterations of " + name);
    }
}
