package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV of rr: the contract's columns, the operation figures filled, the bulk-only columns empty. */
class RrCsvTest {
    @Test
    void theHeaderIsTheContractAndRrRowsFillTheOperationColumns() {
        List<String> lines = CsvReport.render(List.of(RrTableTest.closedLoop())).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("model,connections,payload_bytes,iteration,socket_create_us,"
                + "job_setup_us,download_s,download_mibps,aggregate_mibps,run_s,memory_avg_mib,memory_peak_mib,"
                + "memory_baseline_mib,cpu_user_s,cpu_sys_s,bytes_received,bytes_expected,errors,workload,duration_s,"
                + "operations,ops_per_s,latency_p50_us,latency_p90_us,latency_p99_us,latency_p999_us,latency_max_us,"
                + "rate_ratio,cpu_us_per_op,ctx_switches_per_op,syscalls_per_op,label");
        assertThat(lines).hasSize(7);
        String[] third = lines.get(3).split(",", -1);
        assertThat(third).hasSize(32);
        assertThat(List.of(third).subList(0, 4)).containsExactly("threaded", "10", "128", "3");
        assertThat(List.of(third).subList(6, 9)).containsExactly("", "", ""); // download, aggregate: bulk only
        assertThat(third[18]).isEqualTo("rr");
        assertThat(List.of(third).subList(19, 22)).containsExactly("2", "20000", "10000");
        // the iteration's own percentiles: this one answered every request in 1 ms
        assertThat(Double.parseDouble(third[22])).isBetween(995.0, 1010.0);
        assertThat(Double.parseDouble(third[26])).isBetween(995.0, 1010.0);
        assertThat(third[27]).isEmpty(); // closed loop: no rate ratio
        assertThat(List.of(third).subList(28, 32)).containsExactly("40", "0.5", "3", "");
    }

    @Test
    void bulkRowsLeaveTheOperationColumnsEmpty() {
        List<String> lines = CsvReport.render(List.of(KnownRuns.run("Linux", KnownRuns.model("threaded", 100))))
                .lines().toList();
        assertThat(lines.get(1)).endsWith(",0,bulk,,,,,,,,,,,,,").contains(",100,");
    }
}
