package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV of churn and idle: exactly the contract's columns, the operation columns filled as for rr. */
class ConnectionCsvTest {
    /** DESIGN.md's columns, in order. */
    private static final String CONTRACT = "model,connections,payload_bytes,iteration,socket_create_us,job_setup_us,"
            + "download_s,download_mibps,aggregate_mibps,run_s,memory_avg_mib,memory_peak_mib,memory_baseline_mib,"
            + "cpu_user_s,cpu_sys_s,bytes_received,bytes_expected,errors,workload,duration_s,operations,ops_per_s,"
            + "latency_p50_us,latency_p90_us,latency_p99_us,latency_p999_us,latency_max_us,rate_ratio,cpu_us_per_op,"
            + "ctx_switches_per_op,syscalls_per_op,label";

    @Test
    void aChurnRowIsAConnectionPerOperation() {
        List<String> lines = CsvReport.render(List.of(ConnectionRuns.churn())).lines().toList();
        assertThat(lines.getFirst()).isEqualTo(CONTRACT);
        assertThat(lines).hasSize(7);
        String[] row = lines.get(1).split(",", -1);
        assertThat(row).hasSize(32);
        assertThat(List.of(row).subList(0, 4)).containsExactly("threaded", "10", "128", "1");
        assertThat(List.of(row).subList(6, 9)).containsExactly("", "", ""); // download, aggregate: bulk only
        assertThat(row[18]).isEqualTo("churn");
        assertThat(List.of(row).subList(19, 22)).containsExactly("2", "2000", "1000"); // connections, per second
        assertThat(Double.parseDouble(row[22])).isBetween(199.0, 202.0); // transaction latency p50, us
        assertThat(Double.parseDouble(row[26])).isBetween(199.0, 202.0);
        assertThat(row[27]).isEmpty(); // no rate asked
        assertThat(List.of(row).subList(28, 32)).containsExactly("40", "0.5", "3", ""); // per connection
    }

    @Test
    void anIdleRowIsAHeartbeatPerOperationWithoutAPayload() {
        List<String> lines = CsvReport.render(List.of(ConnectionRuns.idle(ConnectionRuns.idleThreaded(10))))
                .lines().toList();
        assertThat(lines.getFirst()).isEqualTo(CONTRACT);
        String[] row = lines.get(3).split(",", -1);
        assertThat(row).hasSize(32);
        assertThat(List.of(row).subList(0, 4)).containsExactly("threaded", "10", "", "3");
        assertThat(row[18]).isEqualTo("idle");
        assertThat(List.of(row).subList(19, 22)).containsExactly("2", "20", "10"); // heartbeats, per second
        assertThat(Double.parseDouble(row[24])).isBetween(149.0, 152.0); // round trip p99, us
        assertThat(List.of(row).subList(28, 32)).containsExactly("2000", "0.5", "3", ""); // per heartbeat
    }
}
