package netoverhead.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import netoverhead.result.Figure;
import netoverhead.result.IterationResult;
import netoverhead.result.LatencySummary;
import netoverhead.result.ModelRun;
import netoverhead.result.OperationFigures;
import netoverhead.result.Stat;

/**
 * The table of a workload of requests (rr): a row per model (and connection count and response size of a
 * sweep) with requests per second, the latency percentiles of the histogram merged from every counted
 * iteration (never a mean of percentiles) and the spread of the iterations' p99, the bill per request (CPU,
 * context switches, system calls), memory per connection, the server's CPU per request and the errors. Under
 * it, once: why system calls are n/a, where CPU time came from clock ticks, and the errors' first messages.
 */
final class RrTable {
    static final String HEADER = "| Model | Requests/s | Latency p50 | p99 (± sd of iterations) | p99.9 | max "
            + "| CPU per request | Context switches per request | System calls per request | Memory per connection "
            + "| Server CPU per request | Errors |";
    private static final int FIGURE_COLUMNS = 10;
    /** What an open-loop row says when some iteration fell below its asked rate. */
    static final String DID_NOT_HOLD = "did not hold the rate";

    private RrTable() {}

    /** The table of these rows, with what they share said once above it ({@code shared}, maybe empty). */
    static String render(String shared, List<ReportRow> rows) {
        StringBuilder sb = new StringBuilder();
        if (!shared.isEmpty()) sb.append(shared.replace("\n", " ")).append("\n\n");
        sb.append(HEADER).append('\n').append("|---|").append("---|".repeat(FIGURE_COLUMNS + 1)).append('\n');
        for (ReportRow row : rows) sb.append(row(row)).append('\n');
        List<String> notes = notes(rows);
        if (!notes.isEmpty()) sb.append('\n');
        for (String note : notes) sb.append(note).append('\n');
        List<String> errors = ErrorNotes.lines(rows);
        if (!errors.isEmpty()) {
            sb.append("\nErrors, with the first message of each kind:\n");
            for (String note : errors) sb.append("- ").append(note).append('\n');
        }
        return sb.toString();
    }

    private static String row(ReportRow row) {
        ModelRun run = row.run();
        String why = HaikuTable.withoutFigures(run);
        String errors = run.unavailable() == null ? ErrorNotes.counts(run) : "";
        if (why != null) {
            return "| " + HaikuTable.escape(row.name()) + " | " + HaikuTable.escape(why) + " |"
                    + " |".repeat(FIGURE_COLUMNS - 1) + " " + errors + " |";
        }
        List<String> marks = new ArrayList<>();
        if (run.partlyCounted()) marks.add(RowLabel.counted(run));
        int missed = missedRate(run);
        if (missed > 0) marks.add(DID_NOT_HOLD + " (" + missed + " of " + run.iterations().size() + " iterations)");
        String name = HaikuTable.escape(row.name()) + (marks.isEmpty() ? "" : ", " + String.join(", ", marks));
        LatencySummary latency = run.latency();
        List<String> cells = new ArrayList<>();
        cells.add(plain(ReportRow.stat(run, Figure.OPS_PER_S.key()), ""));
        cells.add(latency == null ? "n/a" : Units.nanos(latency.p50Us() * 1e3));
        cells.add(latency == null ? "n/a" : p99(latency));
        cells.add(latency == null ? "n/a" : Units.nanos(latency.p999Us() * 1e3));
        cells.add(latency == null ? "n/a" : Units.nanos(latency.maxUs() * 1e3));
        cells.add(plain(ReportRow.stat(run, Figure.CPU_US_PER_OP.key()), " us"));
        cells.add(plain(ReportRow.stat(run, Figure.CTX_SWITCHES_PER_OP.key()), ""));
        cells.add(plain(ReportRow.stat(run, Figure.SYSCALLS_PER_OP.key()), ""));
        cells.add(plain(ReportRow.stat(run, Figure.MEMORY_PER_CONNECTION_KIB.key()), " KiB"));
        cells.add(plain(ReportRow.stat(run, Figure.SERVER_CPU_US_PER_OP.key()), " us"));
        return "| " + name + " | " + String.join(" | ", cells) + " | " + errors + " |";
    }

    /** The merged p99 and the standard deviation of the iterations' own p99, in the p99's unit: {@code 4.1 ± 0.21 ms}. */
    static String p99(LatencySummary latency) {
        Units.TimeScale t = Units.TimeScale.fitting(latency.p99Us() * 1e3);
        String value = Numbers.significant(latency.p99Us() * 1e3 / t.nanos(), 4);
        Stat spread = latency.p99();
        if (spread == null || spread.n() < 2) return value + " " + t.symbol();
        // a spread below the value's last digit is rounding, not a spread
        double sd = spread.stddev() < latency.p99Us() * 1e-3 ? 0 : spread.stddev() * 1e3 / t.nanos();
        return value + " ± " + Numbers.significant(sd, 2) + " " + t.symbol();
    }

    /** Iterations of an open loop that fell below {@link OperationFigures#RATE_HELD} of their rate. */
    static int missedRate(ModelRun run) {
        int n = 0;
        for (IterationResult it : run.iterations()) {
            if (it.figures() != null && it.figures().operations() != null && !it.figures().operations().heldRate()) n++;
        }
        return n;
    }

    private static String plain(Stat stat, String unit) {
        return stat == null ? "n/a" : Numbers.significant(stat.mean(), 4) + unit;
    }

    /** What the table says once under it: how latency is read, n/a system calls, CPU from clock ticks, the rate. */
    static List<String> notes(List<ReportRow> rows) {
        List<String> notes = new ArrayList<>();
        Set<String> syscalls = new LinkedHashSet<>();
        boolean missed = false;
        boolean openLoop = false;
        for (ReportRow row : rows) {
            for (IterationResult it : row.run().iterations()) {
                if (it.syscallsUnavailable() != null) syscalls.add(it.syscallsUnavailable());
            }
            if (missedRate(row.run()) > 0) missed = true;
            if (row.result().settings().workloadOrBulk().rate() > 0) openLoop = true;
        }
        notes.add("Latency: percentiles of one histogram merged from every counted iteration; ± is the standard "
                + "deviation of the iterations' own p99" + (openLoop ? "; open loop: from each request's intended "
                + "send time (coordinated omission corrected)" : "") + ". Per request: over the measured window, "
                + "divided by the requests answered in it.");
        if (!syscalls.isEmpty()) notes.add("System calls: n/a: " + String.join("; ", syscalls) + ".");
        String ticks = tickNote(rows);
        if (ticks != null) notes.add(ticks + " Per request, a coarse figure.");
        if (missed) {
            notes.add("Did not hold the rate: in that many iterations the requests answered per second fell below "
                    + Numbers.significant(OperationFigures.RATE_HELD * 100, 3) + "% of --rate; their latencies "
                    + "are those of a lighter load than asked.");
        }
        return notes;
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
}
