package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

import netoverhead.result.Figure;
import netoverhead.result.LatencySummary;
import netoverhead.result.OperationUnit;
import netoverhead.result.Stat;

/**
 * The table of idle, whose operation is a heartbeat: a row per model (and connection count) with the connections
 * established, how long that took and at what rate, what an idle connection costs (the client's memory and the
 * kernel's socket memory per connection, the client's threads, its CPU per second of the window), the heartbeats'
 * round trip from the histogram merged over the counted iterations, the heartbeats answered and the errors.
 */
final class IdleTable {
    private static final OperationUnit UNIT = OperationUnit.HEARTBEAT;
    static final OperationTable TABLE = new OperationTable("idle", List.of(
            new OperationTable.Column("Established", IdleTable::established),
            OperationTable.mean(Figure.MEMORY_PER_CONNECTION_KIB, UNIT),
            OperationTable.mean(Figure.KERNEL_SOCKET_KIB_PER_CONNECTION, UNIT),
            OperationTable.mean(Figure.THREADS, UNIT),
            OperationTable.mean(Figure.STANDING_CPU_S_PER_S, UNIT),
            OperationTable.latency("Round trip p50", LatencySummary::p50Us),
            OperationTable.p99(),
            new OperationTable.Column(Units.capitalised(UNIT.operations()) + " answered", IdleTable::answered)),
            IdleTable::notes);

    private IdleTable() {}

    /** {@code 1000 in 1.234 s @ 810.4/s}: the means over the counted iterations. */
    private static String established(ReportRow row) {
        Stat n = row.stat(Figure.ESTABLISHED.key());
        Stat time = row.stat(Figure.ESTABLISH_S.key());
        Stat rate = row.stat(Figure.ESTABLISH_PER_S.key());
        if (n == null) return "n/a";
        return Numbers.significant(n.mean(), 6) + (time == null ? "" : " in " + Units.nanos(time.mean() * 1e9))
                + (rate == null ? "" : " @ " + Numbers.significant(rate.mean(), 4) + "/s");
    }

    /** Heartbeats answered in the window, the mean over the counted iterations. */
    private static String answered(ReportRow row) {
        Stat s = ReportRow.overCounted(row.run(), Figure.OPERATIONS);
        return s == null ? "n/a" : Numbers.significant(s.mean(), 6);
    }

    /** How each figure is read, and whose CPU came from clock ticks. */
    static List<String> notes(List<ReportRow> rows) {
        List<String> notes = new ArrayList<>();
        notes.add("Established: the connections established, the time from the iteration's start to the last of "
                + "them, and connections per second. Memory per idle connection: the client's average resident set "
                + "over the window, once every connection is established, less its baseline, over the connections; "
                + "kernel socket memory: the kernel's socket structures and TCP buffers in the window less before "
                + "the first socket, both ends on loopback, over the connections. Threads: the most the client had. Standing "
                + "CPU: the client's CPU seconds (user and system) per second of the window. Round trip: from the "
                + "server's write of a heartbeat to its reading of the echo; percentiles of one histogram merged "
                + "from every counted iteration; ± is the standard deviation of the iterations' own p99.");
        notes.addAll(OperationTable.commonNotes(rows, false, "Standing CPU, a coarse figure."));
        return notes;
    }
}
