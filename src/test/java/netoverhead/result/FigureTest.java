package netoverhead.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which figures a bulk and an rr iteration have, the CSV's operation columns, and what is summarised. */
class FigureTest {
    private static final IterationFigures BULK = new IterationFigures(20.0, 10.0, 2.0, 50.0, 500.0, 2.5, 60.0, 70.0,
            40.0, 0.5, 1.5, 1L << 30, 1L << 30, 0);
    private static final OperationFigures OPS = new OperationFigures(2.0, 40000, 500, 3, 100.0, 200.0, 900.0, 1500.0,
            4000.0, 0.995, 20000L, null);

    @Test
    void bulkIterationsHaveNoOperationFiguresAndRrIterationsNoDownloadFigures() {
        for (Figure f : Figure.values()) {
            if (f.forOperations()) assertThat(f.of(BULK, 10)).as(f.key()).isNull();
        }
        assertThat(Figure.CPU_S_PER_GIB.of(BULK, 10)).isEqualTo(2.0);
        IterationFigures rr = BULK.withOperations(OPS, BULK.bytesExpected());
        assertThat(Figure.DOWNLOAD_S.of(rr, 10)).isNull();
        assertThat(Figure.DOWNLOAD_MIBPS.of(rr, 10)).isNull();
        assertThat(Figure.AGGREGATE_MIBPS.of(rr, 10)).isNull();
        assertThat(Figure.CPU_S_PER_GIB.of(rr, 10)).isNull();
        assertThat(Figure.SOCKET_CREATE_US.of(rr, 10)).isEqualTo(20.0);
        assertThat(Figure.OPS_PER_S.of(rr, 10)).isEqualTo(20000.0);
        assertThat(Figure.CPU_US_PER_OP.of(rr, 10)).isEqualTo(50.0); // 2 s over 40000 requests
        assertThat(Figure.CPU_USER_US_PER_OP.of(rr, 10)).isEqualTo(12.5);
        assertThat(Figure.CPU_SYS_US_PER_OP.of(rr, 10)).isEqualTo(37.5);
        assertThat(Figure.CTX_SWITCHES_PER_OP.of(rr, 10)).isEqualTo(0.5);
        assertThat(Figure.SYSCALLS_PER_OP.of(rr, 10)).as("not counted: null, never 0").isNull();
        assertThat(Figure.LATENCY_P99_US.of(rr, 10)).isEqualTo(900.0);
        // the server's CPU is the iteration's, beside its figures
        IterationResult it = new IterationResult(1, rr, null, Map.of(), 0.4, List.of(), List.of(), null, null, null);
        assertThat(Figure.SERVER_CPU_US_PER_OP.of(rr, 10)).isNull();
        assertThat(Figure.SERVER_CPU_US_PER_OP.of(it, 10)).isEqualTo(10.0);
    }

    @Test
    void theOperationColumnsAreTheContractsAndLatencyIsNeverSummarisedByAMean() {
        assertThat(Figure.operationColumns()).extracting(Figure::key).containsExactly("duration_s", "operations",
                "ops_per_s", "latency_p50_us", "latency_p90_us", "latency_p99_us", "latency_p999_us",
                "latency_max_us", "rate_ratio", "cpu_us_per_op", "ctx_switches_per_op", "syscalls_per_op");
        assertThat(Figure.csvColumns()).extracting(Figure::key).endsWith("errors").doesNotContain("ops_per_s");
        assertThat(Figure.summarisedFigures()).contains(Figure.OPS_PER_S, Figure.CPU_US_PER_OP,
                Figure.SERVER_CPU_US_PER_OP).doesNotContain(Figure.LATENCY_P50_US, Figure.LATENCY_P99_US,
                Figure.LATENCY_MAX_US, Figure.OPERATIONS, Figure.DURATION_S);
        assertThat(Figure.OPERATIONS.integral()).isTrue();
    }

    @Test
    void churnAndIdleFiguresComeFromTheirConnectionFiguresAndAreNoCsvColumns() {
        IterationFigures rr = BULK.withOperations(OPS, BULK.bytesExpected());
        IterationFigures churn = BULK.withOperations(OPS.withConnection(
                new ConnectionFigures(40.0, 120.0, null, null, null, null)), BULK.bytesExpected());
        IterationFigures idle = BULK.withOperations(OPS.withConnection(
                new ConnectionFigures(null, null, 0.5, 10L, 40960.0, 12)), BULK.bytesExpected());
        assertThat(Figure.CONNECT_P50_US.of(churn, 10)).isEqualTo(40.0);
        assertThat(Figure.CONNECT_P99_US.of(churn, 10)).isEqualTo(120.0);
        assertThat(Figure.ESTABLISH_S.of(idle, 10)).isEqualTo(0.5);
        assertThat(Figure.ESTABLISHED.of(idle, 10)).isEqualTo(10.0);
        assertThat(Figure.ESTABLISH_PER_S.of(idle, 10)).isEqualTo(20.0);
        assertThat(Figure.KERNEL_SOCKET_KIB_PER_CONNECTION.of(idle, 10)).isEqualTo(4.0); // 40 KiB over 10
        assertThat(Figure.THREADS.of(idle, 10)).isEqualTo(12.0);
        assertThat(Figure.STANDING_CPU_S_PER_S.of(idle, 10)).isEqualTo(1.0); // 2 s of CPU over a window of 2 s
        for (Figure f : List.of(Figure.CONNECT_P50_US, Figure.ESTABLISH_S, Figure.KERNEL_SOCKET_KIB_PER_CONNECTION,
                Figure.THREADS, Figure.STANDING_CPU_S_PER_S)) {
            assertThat(f.of(rr, 10)).as(f.key() + " of rr").isNull();
            assertThat(f.of(BULK, 10)).as(f.key() + " of bulk").isNull();
            assertThat(f.csvColumn() || f.operationColumn()).as(f.key()).isFalse();
        }
        assertThat(Figure.STANDING_CPU_S_PER_S.of(churn, 10)).as("idle's alone").isNull();
        assertThat(Figure.ESTABLISH_S.of(churn, 10)).isNull();
        // percentiles are never averaged: connect latency has no mean in the summary
        assertThat(Figure.summarisedFigures()).doesNotContain(Figure.CONNECT_P50_US, Figure.CONNECT_P99_US)
                .contains(Figure.STANDING_CPU_S_PER_S, Figure.KERNEL_SOCKET_KIB_PER_CONNECTION, Figure.THREADS);
    }

    @Test
    void titlesAndUnitsNameTheWorkloadsOperation() {
        OperationUnit churn = OperationUnit.of(new WorkloadSettings("churn", 1, 0, 2, 10.0, 0, List.of(128L)));
        OperationUnit idle = OperationUnit.of(new WorkloadSettings("idle", 1, 0, 2, 10.0, 0, List.of()));
        assertThat(OperationUnit.of(WorkloadSettings.BULK)).isEqualTo(OperationUnit.REQUEST);
        assertThat(Figure.OPS_PER_S.title()).isEqualTo("requests per second");
        assertThat(Figure.OPS_PER_S.unit()).isEqualTo("requests/s");
        assertThat(Figure.OPS_PER_S.title(churn)).isEqualTo("connections per second");
        assertThat(Figure.OPS_PER_S.unit(churn)).isEqualTo("connections/s");
        assertThat(Figure.OPS_PER_S.unit(idle)).isEqualTo("heartbeats/s");
        assertThat(Figure.CPU_US_PER_OP.title(churn)).isEqualTo("CPU per connection");
        assertThat(Figure.SYSCALLS_PER_OP.title(idle)).isEqualTo("system calls per heartbeat");
        assertThat(Figure.LATENCY_P99_US.title(churn)).isEqualTo("transaction latency p99");
        assertThat(Figure.LATENCY_P50_US.title(idle)).isEqualTo("heartbeat round trip p50");
        assertThat(Figure.MEMORY_PER_CONNECTION_KIB.title()).isEqualTo("memory per connection");
        assertThat(Figure.MEMORY_PER_CONNECTION_KIB.title(idle)).isEqualTo("memory per idle connection");
    }
}
