package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

import netoverhead.result.Figure;
import netoverhead.result.LatencySummary;
import netoverhead.result.OperationUnit;
import netoverhead.result.Stat;

/**
 * The table of churn, whose operation is a connection: a row per model (and connection count and response size
 * of a sweep) with connections per second, the connect latency (socket created to connected; the median of the
 * iterations' own p50 and p99, as no merged histogram of it is kept), the transaction latency (socket created to
 * the connection's last response) from the histogram merged over the counted iterations, the bill per connection
 * (CPU, context switches, system calls) and the errors; under it the same notes as rr's table.
 */
final class ChurnTable {
    private static final OperationUnit UNIT = OperationUnit.CONNECTION;
    static final OperationTable TABLE = new OperationTable("churn", List.of(
            OperationTable.rate(UNIT),
            median("Connect p50", Figure.CONNECT_P50_US),
            median("Connect p99", Figure.CONNECT_P99_US),
            OperationTable.latency("Transaction p50", LatencySummary::p50Us),
            OperationTable.p99(),
            OperationTable.mean(Figure.CPU_US_PER_OP, UNIT),
            OperationTable.mean(Figure.CTX_SWITCHES_PER_OP, UNIT),
            OperationTable.mean(Figure.SYSCALLS_PER_OP, UNIT)), ChurnTable::notes);

    private ChurnTable() {}

    /** The median of the counted iterations' own percentile, in microseconds; percentiles are never averaged. */
    private static OperationTable.Column median(String title, Figure percentile) {
        return new OperationTable.Column(title, r -> {
            Stat s = ReportRow.overCounted(r.run(), percentile);
            return s == null ? "n/a" : Units.nanos(s.median() * 1e3);
        });
    }

    /** How the latencies are read, what "per connection" means, n/a system calls, CPU from clock ticks. */
    static List<String> notes(List<ReportRow> rows) {
        List<String> notes = new ArrayList<>();
        notes.add("Transaction latency: from the socket's creation to the connection's last response; percentiles "
                + "of one histogram merged from every counted iteration; ± is the standard deviation of the "
                + "iterations' own p99. Connect latency: from the socket's creation to connected, the median of the "
                + "iterations' own p50 and p99. Per connection: over the measured window, divided by the "
                + "connections completed in it.");
        notes.addAll(OperationTable.commonNotes(rows, true, "Per connection, a coarse figure."));
        return notes;
    }
}
