package netoverhead.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import netoverhead.result.Figure;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.OperationUnit;
import netoverhead.result.RunResult;
import netoverhead.result.Stat;

/**
 * One model run of one result file, with what tells it apart when several files are merged.
 *
 * @param setup what names the row's run among the others: its setup, label or differing settings
 *              ({@link RunDifferences#fullTag}) when several runs are shown, else its environment's setup
 * @param name  the row's full name in every table, from {@link RowLabel#name}
 * @param plainName the same name without Markdown, for JSON ({@link RowLabel#plainName})
 */
record ReportRow(RunResult result, ModelRun run, String setup, String name, String plainName) {

    /** Every model run of every result, in order. */
    static List<ReportRow> of(List<RunResult> results) {
        RunDifferences differences = RunDifferences.of(results);
        boolean sweep = results.stream().flatMap(r -> r.runs().stream()).map(ModelRun::connections).distinct().count() > 1;
        boolean responses = results.stream().flatMap(r -> r.runs().stream()).map(ModelRun::responseBytes)
                .filter(Objects::nonNull).distinct().count() > 1;
        List<ReportRow> rows = new ArrayList<>();
        for (RunResult r : results) {
            String setup = differences.several() ? differences.fullTag(r) : RowLabel.setup(r.environment());
            for (ModelRun run : r.runs()) {
                String name = RowLabel.name(differences.setup(r), run, sweep, responses, differences.tag(r));
                String plainName = RowLabel.plainName(differences.setup(r), run, sweep, responses, differences.tag(r));
                rows.add(new ReportRow(r, run, setup, name, plainName));
            }
        }
        return rows;
    }

    static boolean severalSetups(List<ReportRow> rows) {
        return rows.stream().map(ReportRow::setup).distinct().count() > 1;
    }

    static boolean sweep(List<ReportRow> rows) {
        return rows.stream().map(r -> r.run().connections()).distinct().count() > 1;
    }

    /** The model's label without markdown: {@code poll()-based}. */
    String model() {
        return run.label().replace("`", "");
    }

    Stat stat(String key) {
        return stat(run, key);
    }

    /** Whether the rows hold several response sizes of an rr sweep. */
    static boolean responseSweep(List<ReportRow> rows) {
        return rows.stream().map(r -> r.run().responseBytes()).filter(Objects::nonNull).distinct().count() > 1;
    }

    /**
     * A figure's mean, spread and median over the counted iterations: the run's summary, or for a figure that
     * the iteration holds beside its figures (the server's CPU per request), computed here from the counted
     * iterations.
     */
    static Stat stat(ModelRun run, String key) {
        Stat stat = run.summary() == null ? null : run.summary().get(key);
        if (stat != null) return stat;
        Figure figure = Arrays.stream(Figure.values()).filter(f -> f.key().equals(key) && f.summarised())
                .findFirst().orElse(null);
        return figure == null ? null : overCounted(run, figure);
    }

    /**
     * Any figure's mean, spread and median over the counted iterations that measured it, summarised or not
     * (operations answered, the iterations' own percentiles); null where none did.
     */
    static Stat overCounted(ModelRun run, Figure figure) {
        List<Double> values = new ArrayList<>();
        for (IterationResult it : run.iterations()) {
            if (!it.counted()) continue;
            Double v = figure.of(it, run.connections());
            if (v != null && Double.isFinite(v)) values.add(v);
        }
        return Stat.of(values);
    }

    /** The unit of operation of these rows' workload: churn's connection, idle's heartbeat, else a request. */
    static OperationUnit operation(List<ReportRow> rows) {
        List<OperationUnit> units = rows.stream().map(r -> OperationUnit.of(r.result().settings().workloadOrBulk()))
                .distinct().toList();
        return units.size() == 1 ? units.getFirst() : OperationUnit.REQUEST;
    }

    /**
     * Rows grouped into one chart each: per connection count, per environment when there are several, and
     * per response size of an rr sweep.
     */
    static Map<String, List<ReportRow>> byEnvironmentAndConnections(List<ReportRow> rows) {
        return byEnvironmentAndConnections(rows, responseSweep(rows));
    }

    /**
     * The same, and per response size of an rr sweep when {@code perResponse}, so that a chart holds one
     * curve per model.
     */
    static Map<String, List<ReportRow>> byEnvironmentAndConnections(List<ReportRow> rows, boolean perResponse) {
        boolean several = severalSetups(rows);
        return groupBy(rows, r -> (several ? r.setup() + ", " : "") + r.run().connections() + " connections"
                + (perResponse && r.run().responseBytes() != null ? ", " + RowLabel.response(r.run()) : ""));
    }

    /** Rows grouped by a key, keeping first-seen order. */
    static Map<String, List<ReportRow>> groupBy(List<ReportRow> rows, java.util.function.Function<ReportRow, String> key) {
        Map<String, List<ReportRow>> groups = new LinkedHashMap<>();
        for (ReportRow row : rows) groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
        return groups;
    }
}
