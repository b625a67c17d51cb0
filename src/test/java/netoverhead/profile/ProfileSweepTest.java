package netoverhead.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.server.PayloadServer;
import netoverhead.testing.Cli;
import netoverhead.testing.Leftovers;
import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

/**
 * profile runs on the same runner as run: the same sweep in the same order, over the same target (an emulated
 * link included), with its recordings and per-model figures beside it.
 */
class ProfileSweepTest {
    /** A progress line: {@code [2/4] connections 1/2 (1), model 2/2 threaded, iteration 1/1: ...}. */
    private static final Pattern STEP = Pattern.compile("(?m)^\\[\\d+/\\d+] connections \\d+/\\d+ \\((\\d+)\\), "
            + "model \\d+/\\d+ (\\S+), iteration (\\d+)/\\d+:");
    private static final Pattern CREATED = Pattern.compile("namespace (nobench-\\d+-\\d+), (nb\\S+) \\S+ <-> (nb\\S+)");

    private static List<String> steps(String stderr) {
        List<String> steps = new ArrayList<>();
        Matcher m = STEP.matcher(stderr);
        while (m.find()) steps.add(m.group(1) + "c " + m.group(2) + " #" + m.group(3));
        return steps;
    }

    @Test
    void sweepsConnectionsThenModelsInRunsOrder(@TempDir Path dir) throws Exception {
        Cli.Result run;
        Cli.Result profile;
        try (PayloadServer server = TestServers.embedded(1L << 20)) {
            String port = String.valueOf(server.port());
            run = Cli.run(300, "run", "127.0.0.1", port, "--models", "poll,threaded", "--connections", "1,2",
                    "--iterations", "1", "--payload", "1MiB", "--out", dir.resolve("results").toString(),
                    "--json", dir.resolve("run.json").toString());
            profile = Cli.run(300, "profile", "127.0.0.1", port, "--models", "poll,threaded", "--connections", "1,2",
                    "--payload", "1MiB", "--out", dir.toString());
        }
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(profile.exitCode()).as(profile.stderr()).isZero();
        List<String> order = List.of("1c poll #1", "1c threaded #1", "2c poll #1", "2c threaded #1");
        assertThat(steps(run.stderr())).containsExactlyElementsOf(order);
        assertThat(steps(profile.stderr())).containsExactlyElementsOf(order);

        JsonNode runs = new ObjectMapper().readTree(dir.resolve("run.json").toFile()).path("runs");
        List<String> resultOrder = new ArrayList<>();
        runs.forEach(r -> resultOrder.add(r.path("connections").asInt() + "c " + r.path("model").asText() + " #1"));
        assertThat(resultOrder).containsExactlyElementsOf(order);

        // each model's file holds every count of that model, recorded one file per count
        for (String model : List.of("poll", "threaded")) {
            JsonNode perModel = new ObjectMapper().readTree(dir.resolve("profile_" + model + ".json").toFile());
            assertThat(perModel.at("/settings/models").toString()).isEqualTo("[\"" + model + "\"]");
            assertThat(perModel.at("/settings/profiler").asText()).isEqualTo("JFR");
            List<String> counts = new ArrayList<>();
            perModel.path("runs").forEach(r -> counts.add(r.path("model").asText() + " " + r.path("connections").asInt()
                    + " x" + r.path("iterations").size()));
            assertThat(counts).containsExactly(model + " 1 x1", model + " 2 x1");
            assertThat(dir.resolve("profile_" + model + "_1c.jfr")).isRegularFile();
            assertThat(dir.resolve("profile_" + model + "_2c.jfr")).isRegularFile();
        }
    }

    @Test
    void runsOverTheEmulatedLinkAndRecordsItAndTheLabel(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        Cli.Result r = Cli.run(300, "profile", "--link", "rate=1gbit", "--models", "poll", "--connections", "2",
                "--payload", "1MiB", "--out", dir.toString(), "--no-progress", "--label", "over the link");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Matcher created = CREATED.matcher(r.stderr());
        assertThat(created.find()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("run \"over the link\"").contains("; over veth 1gbit; under JFR\n")
                .contains("| `poll()`-based |");

        JsonNode settings = new ObjectMapper().readTree(dir.resolve("profile_poll.json").toFile()).path("settings");
        assertThat(settings.path("link").asText()).isEqualTo("veth 1gbit");
        assertThat(settings.path("address").asText()).isNotEqualTo("127.0.0.1");
        assertThat(settings.path("label").asText()).isEqualTo("over the link");
        assertThat(dir.resolve("profile_poll.jfr")).isRegularFile();
        assertThat(Leftovers.namespaceExists(created.group(1))).as(created.group(1)).isFalse();
        assertThat(Leftovers.interfaceExists(created.group(2))).as(created.group(2)).isFalse();
    }
}
