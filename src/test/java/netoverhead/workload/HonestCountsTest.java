package netoverhead.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.Cli;
import netoverhead.testing.StallingServer;

/**
 * The requests the tool reports are the requests the server answered: an rr run through the command line against
 * a server that counts its answers per connection. Every measured connection's answers (warm-up, window and the
 * drain after it) are in the results; the probe before the run uses connections of its own, of one or two answers.
 */
@Timeout(300)
class HonestCountsTest {
    private static final int CONNECTIONS = 3;
    private static final int ITERATIONS = 2;
    private static final int REQUESTS = 25;

    @Test
    void theToolCountsWhatTheServerAnswered(@TempDir Path dir) throws Exception {
        List<String> models = List.of("threaded", "poll", "netty-epoll", "native-poll");
        Path json = dir.resolve("rr.json");
        try (StallingServer server = StallingServer.neverStalling()) {
            Cli.Result r = Cli.run(240, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                    "--path", "/counted", "--workload", "rr", "--models", String.join(",", models),
                    "--connections", Integer.toString(CONNECTIONS), "--iterations", Integer.toString(ITERATIONS),
                    "--warmup", "200ms", "--requests", Integer.toString(REQUESTS), "--json", json.toString(),
                    "--out", dir.toString(), "--no-progress");
            assertThat(r.exitCode()).as(r.stderr()).isZero();

            long reported = 0;
            long window = 0;
            for (JsonNode run : new ObjectMapper().readTree(json.toFile()).get("runs")) {
                assertThat(run.get("iterations")).hasSize(ITERATIONS);
                for (JsonNode iteration : run.get("iterations")) {
                    for (JsonNode job : iteration.get("jobs")) {
                        assertThat(job.get("error").isNull()).as(job.toString()).isTrue();
                        reported += job.path("opsWarmup").asLong() + job.path("opsWindow").asLong()
                                + job.path("opsAfter").asLong();
                        window += job.path("opsWindow").asLong();
                    }
                }
            }
            List<Long> measured = server.answeredPerConnection().stream().filter(n -> n > 2).toList();
            assertThat(measured).hasSize(models.size() * ITERATIONS * CONNECTIONS);
            assertThat(reported).isEqualTo(measured.stream().mapToLong(Long::longValue).sum());
            assertThat(window).isEqualTo((long) models.size() * ITERATIONS * CONNECTIONS * REQUESTS);
        }
    }
}
