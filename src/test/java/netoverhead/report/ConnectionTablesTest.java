package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/** The tables of churn and idle: headers in their operation's words, known values formatted, the notes. */
class ConnectionTablesTest {
    private static List<String> cells(String table, String row) {
        String line = table.lines().filter(l -> l.startsWith("| " + row + " |")).findFirst().orElseThrow();
        return Arrays.stream(line.split("\\|")).map(String::strip).toList();
    }

    @Test
    void churnHasConnectionsPerSecondConnectAndTransactionLatencyAndTheBillPerConnection() {
        String table = HaikuTable.render(List.of(ConnectionRuns.churn()));
        List<String> lines = table.lines().toList();
        assertThat(lines.getFirst()).startsWith("Linux (x86_64, 6.1.0, JDK 25.0.3) on host; server embedded; "
                + "10 connections; 3 iterations; workload churn; response 128B; window 2 s; warm-up 2 s")
                .doesNotContain("pipeline", "closed loop", "payload");
        assertThat(lines).contains(ChurnTable.TABLE.header()).doesNotContain(RrTable.HEADER, HaikuTable.HEADER);
        assertThat(ChurnTable.TABLE.header()).isEqualTo("| Model | Connections/s | Connect p50 | Connect p99 "
                + "| Transaction p50 | p99 (± sd of iterations) | CPU per connection "
                + "| Context switches per connection | System calls per connection | Errors |");
        List<String> threaded = cells(table, "threaded");
        assertThat(threaded.get(2)).isEqualTo("1000"); // 2000 connections in each window of 2 s
        assertThat(threaded.get(3)).isEqualTo("40 us"); // the median of 30, 40 and 50 us, not a mean
        assertThat(threaded.get(4)).isEqualTo("100 us"); // the median of 90, 100 and 200 us; their mean is 130
        assertThat(threaded.get(5)).startsWith("200.").endsWith(" us");
        assertThat(threaded.get(6)).startsWith("200.").endsWith(" us");
        assertThat(threaded.get(7)).isEqualTo("40 us"); // (0.02 + 0.06) s / 2000
        assertThat(threaded.get(8)).isEqualTo("0.5");
        assertThat(threaded.get(9)).isEqualTo("3");
        assertThat(threaded.get(10)).isEqualTo("0");
        assertThat(cells(table, "poll").subList(2, 5)).containsExactly("2000", "20 us", "50 us");
        assertThat(table).contains("Transaction latency: from the socket's creation to the connection's last "
                + "response", "Per connection: over the measured window").doesNotContain("System calls: n/a");
    }

    @Test
    void churnSaysOnceWhySystemCallsAreNaAndWhoseCpuCameFromTicks() {
        RrRuns.Iteration ticked = RrRuns.Iteration.closed(2000, 0.02, 0.06, 200 * ConnectionRuns.US)
                .withoutSyscalls("perf is not installed", "clock ticks");
        ModelRun threaded = ConnectionRuns.with(RrRuns.model("threaded", 128L, ticked, ticked), RrRuns.CONNECTIONS,
                ConnectionRuns.connect(30, 90), ConnectionRuns.connect(40, 100));
        String table = HaikuTable.render(List.of(ConnectionRuns.churn(threaded)));
        assertThat(cells(table, "threaded").get(9)).isEqualTo("n/a");
        assertThat(table).containsOnlyOnce("System calls: n/a: perf is not installed.")
                .contains("CPU from clock ticks (10 ms resolution; no cgroup or schedstat to read) for threaded. "
                        + "Per connection, a coarse figure.");
    }

    @Test
    void idleHasWhatAnIdleConnectionCostsAndTheHeartbeatsRoundTrip() {
        RunResult idle = ConnectionRuns.idle(ConnectionRuns.idleThreaded(RrRuns.CONNECTIONS));
        String table = HaikuTable.render(List.of(idle));
        assertThat(table.lines().toList().getFirst()).contains("; workload idle; window 2 s; warm-up 2 s")
                .doesNotContain("response", "pipeline", "closed loop");
        assertThat(IdleTable.TABLE.header()).isEqualTo("| Model | Established | Memory per idle connection "
                + "| Kernel socket memory per connection | Threads | Standing CPU | Round trip p50 "
                + "| p99 (± sd of iterations) | Heartbeats answered | Errors |");
        assertThat(table).contains(IdleTable.TABLE.header());
        List<String> threaded = cells(table, "threaded");
        assertThat(threaded.get(2)).isEqualTo("10 in 500 ms @ 20/s");
        assertThat(threaded.get(3)).isEqualTo("2048 KiB"); // (60 - 40) MiB over 10 connections
        assertThat(threaded.get(4)).isEqualTo("4 KiB"); // 40 KiB of the kernel's over 10 connections
        assertThat(threaded.get(5)).isEqualTo("12");
        assertThat(threaded.get(6)).isEqualTo("0.02 s/s"); // (0.01 + 0.03) s of CPU over a window of 2 s
        assertThat(threaded.get(7)).startsWith("150.").endsWith(" us");
        assertThat(threaded.get(9)).isEqualTo("20");
        assertThat(threaded.get(10)).isEqualTo("0");
        assertThat(table).contains("Standing CPU: the client's CPU seconds (user and system) per second of the window",
                "Round trip: from the server's write of a heartbeat to its reading of the echo");
    }

    @Test
    void aPageOfRrChurnAndIdleShowsEachTableOnceWithWhatTheRowsShareAboveTheFirst() {
        String table = HaikuTable.render(List.of(RrTableTest.closedLoop(), ConnectionRuns.churn(),
                ConnectionRuns.idle(ConnectionRuns.idleThreaded(RrRuns.CONNECTIONS))));
        assertThat(table).containsOnlyOnce(RrTable.HEADER).containsOnlyOnce(ChurnTable.TABLE.header())
                .containsOnlyOnce(IdleTable.TABLE.header()).doesNotContain(HaikuTable.HEADER);
        assertThat(table.indexOf(RrTable.HEADER)).isLessThan(table.indexOf(ChurnTable.TABLE.header()));
        assertThat(table.indexOf(ChurnTable.TABLE.header())).isLessThan(table.indexOf(IdleTable.TABLE.header()));
        // the runs differ in their workload: each row says which
        assertThat(table).contains("| threaded (workload churn", "| threaded (workload idle");
    }
}
