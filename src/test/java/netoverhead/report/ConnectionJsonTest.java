package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.result.RunResult;
import netoverhead.testing.Cli;

/** churn and idle results written as JSON hold their connection figures and read back to the same tables. */
class ConnectionJsonTest {
    @TempDir
    Path dir;

    @Test
    void theConnectionFiguresAreUnderOperationsConnectionAndReadBack() throws Exception {
        RunResult churn = ConnectionRuns.churn();
        RunResult idle = ConnectionRuns.idle(ConnectionRuns.idleThreaded(10));
        Path churnFile = dir.resolve("churn.json");
        Path idleFile = dir.resolve("idle.json");
        Files.writeString(churnFile, JsonReport.render(churn));
        Files.writeString(idleFile, JsonReport.render(idle));

        JsonNode churnTree = new ObjectMapper().readTree(churnFile.toFile());
        JsonNode connection = churnTree.at("/runs/0/iterations/1/figures/operations/connection");
        assertThat(connection.get("connectP50Us").asDouble()).isEqualTo(40.0);
        assertThat(connection.get("connectP99Us").asDouble()).isEqualTo(100.0);
        assertThat(churnTree.at("/units/ops_per_s").asText()).isEqualTo("connections/s");
        JsonNode idleTree = new ObjectMapper().readTree(idleFile.toFile());
        JsonNode held = idleTree.at("/runs/0/iterations/0/figures/operations/connection");
        assertThat(held.get("established").asLong()).isEqualTo(10);
        assertThat(held.get("kernelSocketBytes").asDouble()).isEqualTo(40960.0);
        assertThat(held.get("threads").asInt()).isEqualTo(12);
        assertThat(idleTree.at("/units/ops_per_s").asText()).isEqualTo("heartbeats/s");
        assertThat(idleTree.at("/runs/0/summary/standing_cpu_s_per_s/mean").asDouble()).isEqualTo(0.02);

        RunResult churnBack = JsonReport.read(churnFile);
        RunResult idleBack = JsonReport.read(idleFile);
        assertThat(churnBack.runs().getFirst().iterations().getFirst().figures().operations().connection())
                .isEqualTo(churn.runs().getFirst().iterations().getFirst().figures().operations().connection());
        assertThat(HaikuTable.render(List.of(churnBack, idleBack))).isEqualTo(HaikuTable.render(List.of(churn, idle)));
        assertThat(CsvReport.render(List.of(idleBack))).isEqualTo(CsvReport.render(List.of(idle)));

        Cli.Result report = Cli.run(60, "report", churnFile.toString(), idleFile.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(report.stdout()).contains(ChurnTable.TABLE.header(), IdleTable.TABLE.header(),
                " | 1000 | 40 us | 100 us | ", " | 10 in 500 ms @ 20/s | 2048 KiB | 4 KiB | 12 | 0.02 s/s | ");
        Cli.Result compare = Cli.run(60, "compare", churnFile.toString(), churnFile.toString());
        assertThat(compare.exitCode()).as(compare.stderr()).isZero();
        assertThat(compare.stdout()).contains("threaded: connections per second +0.0%",
                "threaded: connect latency p50 +0.0%");
    }
}
