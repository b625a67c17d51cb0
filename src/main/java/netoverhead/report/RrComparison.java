package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.apache.commons.math3.stat.StatUtils;

import netoverhead.result.Figure;
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
        if (a.latency() != null && b.latency() != null) {
            changes.add(percentile(a, b, Figure.LATENCY_P50_US, test, (run, own) -> run.latency().p50Us()));
            changes.add(percentile(a, b, Figure.LATENCY_P99_US, test, (run, own) -> run.latency().p99Us()));
        }
        for (Figure figure : List.of(Figure.CONNECT_P50_US, Figure.CONNECT_P99_US)) {
            changes.add(percentile(a, b, figure, test, (run, own) -> StatUtils.percentile(own, 50)));
        }
        changes.removeIf(Objects::isNull);
        return changes;
    }

    /**
     * The change of one percentile, shown as {@code shown} makes it of a run and its iterations' own values, with
     * the interval and verdict of those values; null where either run has none.
     */
    private static Comparison.Change percentile(ModelRun a, ModelRun b, Figure figure, Comparison.Test test,
                                                BiFunction<ModelRun, double[], Double> shown) {
        double[] va = Comparison.values(a, figure);
        double[] vb = Comparison.values(b, figure);
        if (va.length == 0 || vb.length == 0) return null;
        return Comparison.change(a.model(), a.connections(), figure, va, vb, test)
                .withRuns(a.iterations().size(), b.iterations().size()).atResponse(a.responseBytes())
                .merged(shown.apply(a, va), shown.apply(b, vb));
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
        notes.add(run.model() + ", " + run.connections() + " connections" + response + ": "
                + OperationTable.DID_NOT_HOLD
                + " in " + missed + " of " + run.iterations().size() + " iterations of " + name);
    }
}
