package netoverhead.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import netoverhead.result.Figure;
import netoverhead.result.IterationResult;
import netoverhead.result.LatencySummary;
import netoverhead.result.ModelRun;
import netoverhead.result.OperationFigures;
import netoverhead.result.OperationUnit;
import netoverhead.result.Stat;
import netoverhead.result.WorkloadSettings;

/**
 * The table of a workload of operations (rr, churn, idle): a row per model (and connection count and response
 * size of a sweep), its name marked where iterations were left out or missed their rate, a cell per column, the
 * errors last; above it, once, what the rows share; under it the workload's notes and the errors' first
 * messages. Each workload's table ({@link RrTable}, {@link ChurnTable}, {@link IdleTable}) is its columns and
 * its notes.
 *
 * @param kind    the workload's name, as results carry it ({@code rr})
 * @param columns the figure columns, between the model and the errors
 * @param notes   what the table says under it about these rows
 */
record OperationTable(String kind, List<Column> columns, Function<List<ReportRow>, List<String>> notes) {
    /** What an open-loop row says when some iteration fell below its asked rate. */
    static final String DID_NOT_HOLD = "did not hold the rate";

    /** One column: its title and the cell of a row that has figures. */
    record Column(String title, Function<ReportRow, String> cell) {}

    /** The table of a workload's rows: churn's, idle's, else rr's. */
    static OperationTable of(WorkloadSettings workload) {
        return switch (workload.kind()) {
            case "churn" -> ChurnTable.TABLE;
            case "idle" -> IdleTable.TABLE;
            default -> RrTable.TABLE;
        };
    }

    /** The tables in the order a page shows them. */
    static List<OperationTable> all() {
        return List.of(RrTable.TABLE, ChurnTable.TABLE, IdleTable.TABLE);
    }

    /** Of these rows, those this table shows. */
    List<ReportRow> rowsOf(List<ReportRow> rows) {
        return rows.stream().filter(r -> !r.result().settings().workloadOrBulk().bulk()
                && of(r.result().settings().workloadOrBulk()) == this).toList();
    }

    String header() {
        return "| Model | " + String.join(" | ", columns.stream().map(Column::title).toList()) + " | Errors |";
    }

    /** The table of these rows, with what they share said once above it ({@code shared}, maybe empty). */
    String render(String shared, List<ReportRow> rows) {
        StringBuilder sb = new StringBuilder();
        if (!shared.isEmpty()) sb.append(shared.replace("\n", " ")).append("\n\n");
        sb.append(header()).append('\n').append("|---|").append("---|".repeat(columns.size() + 1)).append('\n');
        for (ReportRow row : rows) sb.append(row(row)).append('\n');
        List<String> notes = this.notes.apply(rows);
        if (!notes.isEmpty()) sb.append('\n');
        for (String note : notes) sb.append(note).append('\n');
        List<String> errors = ErrorNotes.lines(rows);
        if (!errors.isEmpty()) {
            sb.append("\nErrors, with the first message of each kind:\n");
            for (String note : errors) sb.append("- ").append(note).append('\n');
        }
        return sb.toString();
    }

    private String row(ReportRow row) {
        ModelRun run = row.run();
        String why = HaikuTable.withoutFigures(run);
        String errors = run.unavailable() == null ? ErrorNotes.counts(run) : "";
        if (why != null) {
            return "| " + HaikuTable.escape(row.name()) + " | " + HaikuTable.escape(why) + " |"
                    + " |".repeat(columns.size() - 1) + " " + errors + " |";
        }
        List<String> marks = new ArrayList<>();
        if (run.partlyCounted()) marks.add(RowLabel.counted(run));
        int missed = missedRate(run);
        if (missed > 0) marks.add(DID_NOT_HOLD + " (" + missed + " of " + run.iterations().size() + " iterations)");
        String name = HaikuTable.escape(row.name()) + (marks.isEmpty() ? "" : ", " + String.join(", ", marks));
        List<String> cells = columns.stream().map(c -> c.cell().apply(row)).toList();
        return "| " + name + " | " + String.join(" | ", cells) + " | " + errors + " |";
    }

    /** Operations per second, titled by the operation ({@code Requests/s}), the unit in the title only. */
    static Column rate(OperationUnit unit) {
        return new Column(Units.capitalised(unit.perSecond()), r -> mean(r.stat(Figure.OPS_PER_S.key()), ""));
    }

    /** A figure's mean over the counted iterations, titled and unit as the workload names them. */
    static Column mean(Figure figure, OperationUnit unit) {
        String suffix = figure.unit(unit).isEmpty() ? "" : " " + figure.unit(unit);
        return new Column(Units.capitalised(figure.title(unit)), r -> mean(r.stat(figure.key()), suffix));
    }

    /** A percentile of the histogram merged from every counted iteration, in the unit that fits it. */
    static Column latency(String title, ToDoubleFunction<LatencySummary> us) {
        return new Column(title, r -> r.run().latency() == null ? "n/a"
                : Units.nanos(us.applyAsDouble(r.run().latency()) * 1e3));
    }

    /** The merged p99 with the spread of the iterations' own. */
    static Column p99() {
        return new Column("p99 (± sd of iterations)", r -> r.run().latency() == null ? "n/a" : p99(r.run().latency()));
    }

    /**
     * The merged p99 and the standard deviation of the iterations' own p99, in the p99's unit:
     * {@code 4.1 ± 0.21 ms}.
     */
    static String p99(LatencySummary latency) {
        Units.TimeScale t = Units.TimeScale.fitting(latency.p99Us() * 1e3);
        String value = Numbers.significant(latency.p99Us() * 1e3 / t.nanos(), 4);
        Stat spread = latency.p99();
        if (spread == null || spread.n() < 2) return value + " " + t.symbol();
        // a spread below the value's last digit is rounding, not a spread
        double sd = spread.stddev() < latency.p99Us() * 1e-3 ? 0 : spread.stddev() * 1e3 / t.nanos();
        return value + " ± " + Numbers.significant(sd, 2) + " " + t.symbol();
    }

    /** A mean over the counted iterations with its unit ({@code 40 us}), or n/a. */
    static String mean(Stat stat, String unit) {
        return stat == null ? "n/a" : Numbers.significant(stat.mean(), 4) + unit;
    }

    /** Iterations of an open loop that fell below {@link OperationFigures#RATE_HELD} of their rate. */
    static int missedRate(ModelRun run) {
        int n = 0;
        for (IterationResult it : run.iterations()) {
            if (it.figures() != null && it.figures().operations() != null && !it.figures().operations().heldRate()) n++;
        }
        return n;
    }

    /** "System calls: n/a: ..." once, with every reason the rows' iterations give; null where all were counted. */
    static String syscallsNote(List<ReportRow> rows) {
        Set<String> syscalls = new LinkedHashSet<>();
        for (ReportRow row : rows) {
            for (IterationResult it : row.run().iterations()) {
                if (it.syscallsUnavailable() != null) syscalls.add(it.syscallsUnavailable());
            }
        }
        return syscalls.isEmpty() ? null : "System calls: n/a: " + String.join("; ", syscalls) + ".";
    }

    /** "CPU from clock ticks ... for Threaded, NIO.2." when some row's CPU could not be read finer, else null. */
    static String tickNote(List<ReportRow> rows) {
        List<String> ticks = new ArrayList<>();
        for (ReportRow row : rows) {
            boolean tick = row.run().iterations().stream()
                    .anyMatch(it -> it.cpuSource() != null && it.cpuSource().startsWith("clock ticks"));
            if (tick) ticks.add(row.name().replace("`", ""));
        }
        return ticks.isEmpty() ? null : "CPU from clock ticks (10 ms resolution; no cgroup or schedstat to read) for "
                + String.join(", ", ticks) + ".";
    }

    /**
     * The notes every operation table has under its own: why system calls are n/a (where it has their column),
     * and which rows' CPU came from clock ticks, with what that makes of {@code coarse}.
     */
    static List<String> commonNotes(List<ReportRow> rows, boolean syscalls, String coarse) {
        List<String> notes = new ArrayList<>();
        String why = syscalls ? syscallsNote(rows) : null;
        if (why != null) notes.add(why);
        String ticks = tickNote(rows);
        if (ticks != null) notes.add(ticks + " " + coarse);
        return notes;
    }
}
