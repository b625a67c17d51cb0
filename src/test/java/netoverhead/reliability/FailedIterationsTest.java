package netoverhead.reliability;

import static netoverhead.testing.ScriptedServer.body;
import static netoverhead.testing.ScriptedServer.concat;
import static netoverhead.testing.ScriptedServer.okHead;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.Cli;
import netoverhead.testing.OneIteration;
import netoverhead.testing.ScriptedServer;

/**
 * A server that dies part-way through a run: the iterations it broke keep their own figures in the JSON and
 * the CSV, marked, but never enter a mean; the table says how many iterations its figures stand on.
 */
class FailedIterationsTest {
    private static final int PAYLOAD = 4000;
    private static final int CONNECTIONS = 2;

    @Test
    void iterationsAfterTheServerDiedAreLeftOutOfEveryMean(@TempDir Path dir) throws Exception {
        List<String> models = OneIteration.availableModels().limit(2).map(n -> n.getPayload().name()).toList();
        AtomicReference<ScriptedServer> self = new AtomicReference<>();
        // the first iteration's GETs are served whole; on the next one the server sends part of the body and dies
        ScriptedServer.Script script = (socket, out, index) -> {
            if (index < CONNECTIONS) {
                ScriptedServer.ok(PAYLOAD).serve(socket, out, index);
                return;
            }
            out.write(concat(okHead(PAYLOAD), body(0, 1000)));
            out.flush();
            self.get().close();
        };
        try (ScriptedServer server = ScriptedServer.start(PAYLOAD, script)) {
            self.set(server);
            Path json = dir.resolve("run.json");
            Path csv = dir.resolve("run.csv");
            Cli.Result r = Cli.run(240, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                    "--models", String.join(",", models), "--connections", Integer.toString(CONNECTIONS),
                    "--iterations", "3", "--connect-timeout", "2s", "--read-timeout", "5s",
                    "--out", dir.resolve("results").toString(), "--json", json.toString(), "--csv", csv.toString(),
                    "--no-progress");
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);

            JsonNode first = new ObjectMapper().readTree(json.toFile()).get("runs").get(0);
            JsonNode its = first.get("iterations");
            assertThat(its).hasSize(3);
            assertThat(its.get(0).get("counted").asBoolean()).isTrue();
            for (int i = 1; i < 3; i++) {
                assertThat(its.get(i).get("counted").asBoolean()).isFalse();
                assertThat(its.get(i).get("notCounted").asText()).endsWith("failed");
                assertThat(its.get(i).get("figures").get("errors").asInt()).isPositive();
            }
            // the mean is the one counted iteration's figure, whatever the broken ones measured
            for (String[] keys : new String[][] {{"aggregate_mibps", "aggregateMibps"}, {"run_s", "runS"}}) {
                JsonNode stat = first.get("summary").get(keys[0]);
                assertThat(stat.get("n").asInt()).isEqualTo(1);
                assertThat(stat.get("mean").asDouble()).isEqualTo(its.get(0).get("figures").get(keys[1]).asDouble());
            }
            assertThat(r.stdout()).contains(", 1 of 3 iterations |");
            if (models.size() > 1) {
                assertThat(r.stdout()).contains("no iteration completed without errors (0 of 3)");
            }
            assertThat(r.stdout()).containsPattern("- .*: \\d+ (connect|truncated|read), first: ");

            // every iteration has its CSV row; the ones left out have errors above 0
            List<String> rows = Files.readAllLines(csv);
            assertThat(rows).hasSize(1 + 3 * models.size());
            assertThat(rows.get(1).split(",", -1)[17]).isEqualTo("0");
            assertThat(rows.get(2).split(",", -1)[17]).isNotEqualTo("0");
        }
    }
}
