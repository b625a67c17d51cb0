package netoverhead.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;

/**
 * A sweep over response sizes through the command line and the embedded server the tool starts: one step per
 * size, each model's connections asking {@code /rr/<bytes>} and receiving exactly that many bytes per request.
 */
@Timeout(300)
class ResponseSweepTest {
    @Test
    void everySizeIsOneStepOfExactlySizedResponses(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("sweep.json");
        Cli.Result r = Cli.run(240, "run", "127.0.0.1", Integer.toString(TestServers.freePort()), "--workload", "rr", "--models", "threaded,native-poll",
                "--response", "128B,4KiB", "--requests", "20", "--warmup", "0s", "--connections", "2",
                "--iterations", "1", "--verify", "--json", json.toString(), "--out", dir.toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.at("/settings/workload/responseBytes").toString()).isEqualTo("[128,4096]");
        List<String> steps = new ArrayList<>();
        for (JsonNode run : root.get("runs")) {
            long size = run.get("responseBytes").asLong();
            steps.add(run.get("model").asText() + " " + size);
            for (JsonNode job : run.at("/iterations/0/jobs")) {
                assertThat(job.get("error").isNull()).as(job.toString()).isTrue();
                assertThat(job.get("opsWindow").asLong()).isEqualTo(20);
                assertThat(job.get("bodyBytes").asLong()).isEqualTo(20 * size);
                assertThat(job.get("contentLength").asLong()).isEqualTo(size);
            }
        }
        assertThat(steps).containsExactly("threaded 128", "native-poll 128", "threaded 4096", "native-poll 4096");
    }
}
