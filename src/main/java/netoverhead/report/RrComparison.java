package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

import netoverhead.result.Figure;
import netoverhead.result.LatencySummary;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * What {@link Comparison} adds for rr: the latency percentiles of the merged histograms (never a mean of
 * percentiles), with the interval and verdict from the iterations' own percentiles; and which model runs did
 * not hold their asked rate.
 */
final class RrComparison {
    private RrComparison() {}

    /** The changes of latency p50 and p99 of one model run, where both runs have merged histograms. */
    static List<Comparison.Change> latency(ModelRun a, ModelRun b, Comparison.Test test) {
        List<Comparison.Change> changes = new ArrayList<>();
        LatencySummary la = a.latency();
        LatencySummary lb = b.latency();
        if (la == null || lb == null) return changes;
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

    /** How latency is compared, when either run is rr; empty otherwise. */
    static String header(RunResult a, RunResult b) {
        boolean rrA = !a.settings().workloadOrBulk().bulk();
        boolean rrB = !b.settings().workloadOrBulk().bulk();
        StringBuilder sb = new StringBuilder();
        if (rrA != rrB) {
            sb.append("Warning: the workloads differ (").append(a.settings().workloadOrBulk().kind()).append(" and ")
                    .append(b.settings().workloadOrBulk().kind()).append(").\n");
        }
        if (rrA || rrB) {
            sb.append("Latency: the change of the percentile of the histograms merged over each run's iterations; its "
                    + "interval and verdict come from the iterations' own percentiles.\n");
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
