package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

import netoverhead.result.Figure;
import netoverhead.result.LatencySummary;
import netoverhead.result.OperationFigures;
import netoverhead.result.OperationUnit;

/**
 * The table of a workload of requests (rr): a row per model (and connection count and response size of a
 * sweep) with requests per second, the latency percentiles of the histogram merged from every counted
 * iteration (never a mean of percentiles) and the spread of the iterations' p99, the bill per request (CPU,
 * context switches, system calls), memory per connection, the server's CPU per request and the errors. Under
 * it, once: why system calls are n/a, where CPU time came from clock ticks, and the errors' first messages.
 */
final class RrTable {
    private static final OperationUnit UNIT = OperationUnit.REQUEST;
    static final OperationTable TABLE = new OperationTable("rr", List.of(
            OperationTable.rate(UNIT),
            OperationTable.latency("Latency p50", LatencySummary::p50Us),
            OperationTable.p99(),
            OperationTable.latency("p99.9", LatencySummary::p999Us),
            OperationTable.latency("max", LatencySummary::maxUs),
            OperationTable.mean(Figure.CPU_US_PER_OP, UNIT),
            OperationTable.mean(Figure.CTX_SWITCHES_PER_OP, UNIT),
            OperationTable.mean(Figure.SYSCALLS_PER_OP, UNIT),
            OperationTable.mean(Figure.MEMORY_PER_CONNECTION_KIB, UNIT),
            OperationTable.mean(Figure.SERVER_CPU_US_PER_OP, UNIT)), RrTable::notes);
    static final String HEADER = TABLE.header();

    private RrTable() {}

    /** What the table says once under it: how latency is read, n/a system calls, CPU from clock ticks, the rate. */
    static List<String> notes(List<ReportRow> rows) {
        boolean missed = rows.stream().anyMatch(r -> OperationTable.missedRate(r.run()) > 0);
        boolean openLoop = rows.stream().anyMatch(r -> r.result().settings().workloadOrBulk().rate() > 0);
        List<String> notes = new ArrayList<>();
        notes.add("Latency: percentiles of one histogram merged from every counted iteration; ± is the standard "
                + "deviation of the iterations' own p99" + (openLoop ? "; open loop: from each request's intended "
                + "send time (coordinated omission corrected)" : "") + ". Per request: over the measured window, "
                + "divided by the requests answered in it.");
        notes.addAll(OperationTable.commonNotes(rows, true, "Per request, a coarse figure."));
        if (missed) {
            notes.add("Did not hold the rate: in that many iterations the requests answered per second fell below "
                    + Numbers.significant(OperationFigures.RATE_HELD * 100, 3) + "% of --rate; their latencies "
                    + "are those of a lighter load than asked.");
        }
        return notes;
    }
}
