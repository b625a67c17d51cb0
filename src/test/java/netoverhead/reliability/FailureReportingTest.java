package netoverhead.reliability;

import static netoverhead.testing.ScriptedServer.body;
import static netoverhead.testing.ScriptedServer.concat;
import static netoverhead.testing.ScriptedServer.okHead;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.model.Model;
import netoverhead.report.CsvReport;
import netoverhead.testing.Cli;
import netoverhead.testing.OneIteration;
import netoverhead.testing.ScriptedServer;

/**
 * Failed jobs through the whole command line: counted in the tables, listed in the JSON, counted in the
 * CSV's errors column; the run goes on through every model, writes its results and exits 1.
 */
class FailureReportingTest {
    private static final int PAYLOAD = 4000;
    private static final int CONNECTIONS = 4;

    @Test
    void failedJobsAreCountedEverywhereAndTheRunExitsOne(@TempDir Path dir) throws Exception {
        List<String> models = OneIteration.availableModels().map(n -> n.getPayload().name()).toList();
        // every other connection is cut off after 1000 body bytes
        try (ScriptedServer server = ScriptedServer.start(PAYLOAD, ScriptedServer.alternate(
                ScriptedServer.ok(PAYLOAD), ScriptedServer.raw(concat(okHead(PAYLOAD), body(0, 1000)))))) {
            Path json = dir.resolve("run.json");
            Path csv = dir.resolve("run.csv");
            Cli.Result r = Cli.run(180, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                    "--models", String.join(",", models), "--connections", Integer.toString(CONNECTIONS),
                    "--iterations", "2", "--out", dir.resolve("results").toString(), "--json", json.toString(),
                    "--csv", csv.toString(), "--no-progress", "--verify");

            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
            assertThat(r.stderr()).doesNotContain("Exception").contains("results: ");
            // the detail table: 2 iterations x 2 cut-off connections per model
            assertThat(r.stdout().lines().filter(l -> l.endsWith("| 4 (4 truncated) |")).count())
                    .as(r.stdout()).isEqualTo(models.size());

            JsonNode root = new ObjectMapper().readTree(json.toFile());
            assertThat(root.get("complete").asBoolean()).isTrue();
            List<String> seen = new ArrayList<>();
            for (JsonNode run : root.get("runs")) {
                seen.add(run.get("model").asText());
                assertThat(run.get("iterations")).hasSize(2);
                for (JsonNode it : run.get("iterations")) {
                    assertThat(it.get("failure").isNull()).isTrue();
                    assertThat(it.get("errorsByKind").get("truncated").asInt()).isEqualTo(2);
                    assertThat(it.get("figures").get("errors").asInt()).isEqualTo(2);
                    List<JsonNode> failed = stream(it.get("jobs")).filter(j -> !j.get("error").isNull()).toList();
                    assertThat(failed).hasSize(2);
                    for (JsonNode j : failed) {
                        assertThat(j.get("error").asText()).isEqualTo("truncated");
                        assertThat(j.get("message").asText()).isEqualTo("connection closed after 1000 of 4000 body bytes");
                        assertThat(j.get("bodyBytes").asLong()).isEqualTo(1000);
                    }
                    assertThat(it.get("figures").get("bytesReceived").asLong()).isEqualTo(2L * PAYLOAD + 2000);
                    assertThat(it.get("figures").get("bytesExpected").asLong()).isEqualTo((long) CONNECTIONS * PAYLOAD);
                }
            }
            assertThat(seen).containsExactlyElementsOf(models);

            List<String> rows = Files.readAllLines(csv);
            assertThat(rows.getFirst()).isEqualTo(CsvReport.HEADER);
            assertThat(rows).hasSize(1 + 2 * models.size());
            for (String row : rows.subList(1, rows.size())) {
                String[] cells = row.split(",", -1);
                assertThat(cells[17]).as("errors: " + row).isEqualTo("2");
                assertThat(cells[15]).as("bytes received").isEqualTo(Long.toString(2L * PAYLOAD + 2000));
                assertThat(cells[18]).as("workload").isEqualTo("bulk");
            }
            // the run's own files in --out are there too
            try (Stream<Path> files = Files.list(dir.resolve("results"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .anyMatch(n -> n.endsWith(".json")).anyMatch(n -> n.endsWith(".csv"));
            }
        }
    }

    @Test
    void aRunWithoutFailuresExitsZero(@TempDir Path dir) throws Exception {
        Model first = OneIteration.availableModels().findFirst().orElseThrow().getPayload();
        try (ScriptedServer server = ScriptedServer.start(PAYLOAD, ScriptedServer.ok(PAYLOAD))) {
            Cli.Result r = Cli.run(120, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                    "--models", first.name(), "--connections", "2", "--iterations", "1",
                    "--out", dir.toString(), "--no-progress", "--verify");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("| 0 |");
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all.stream();
    }
}
