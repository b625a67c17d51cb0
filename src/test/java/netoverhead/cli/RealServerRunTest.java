package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.model.registry.ModelRegistry;
import netoverhead.testing.Cli;
import netoverhead.testing.Leftovers;
import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

/** Every model family downloads correctly from a real lighttpd and a real nginx that the run starts and stops. */
class RealServerRunTest {
    static Stream<Arguments> serversAndModels() {
        return Stream.of("lighttpd", "nginx").flatMap(server ->
                Stream.of("threaded", "poll", "virtual", "netty-epoll").map(model -> Arguments.of(server, model)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("serversAndModels")
    void downloadsEveryByteWithoutErrors(String server, String model, @TempDir Path dir) throws Exception {
        Privileged.assumeInstalled(server);
        Assumptions.assumeTrue(ModelRegistry.byName(model).isPresent(), "model " + model + " is not in this build");
        var availability = ModelRegistry.byName(model).get().availability();
        Assumptions.assumeTrue(availability.available(), "model " + model + " " + availability);
        int port = TestServers.freePort();
        Path json = dir.resolve("run.json");
        Cli.Result r = Cli.run(300, "run", "127.0.0.1", Integer.toString(port), "--server", server, "--models", model,
                "--iterations", "1", "--connections", "6", "--payload", "1MiB", "--verify", "--no-progress",
                "--out", dir.toString(), "--json", json.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("starting " + server + " on 127.0.0.1:" + port);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode settings = root.path("settings");
        assertThat(settings.path("server").asText()).isEqualTo(server);
        assertThat(settings.path("serverDescription").asText()).matches(server + "/\\d+\\.\\d+.*");
        JsonNode figures = root.path("runs").get(0).path("iterations").get(0).path("figures");
        assertThat(figures.path("errors").asInt()).isZero();
        assertThat(figures.path("bytesExpected").asLong()).isEqualTo(6L << 20);
        assertThat(figures.path("bytesReceived").asLong()).isEqualTo(6L << 20);
        assertThat(netoverhead.server.HttpProbe.listening("127.0.0.1", port, 500)).as("server still listening").isFalse();
    }

    @Test
    void externalWithNothingListeningFailsAtOnceInOneLine() throws Exception {
        int port = TestServers.freePort();
        Cli.Result r = Cli.run(60, "run", "127.0.0.1", Integer.toString(port), "--server", "external",
                "--models", "poll", "--iterations", "1", "--connections", "1", "--no-progress");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).doesNotContain("\n").contains("nothing answers at 127.0.0.1:" + port);
    }

    @Test
    void anUnknownServerKindIsBadUsage() throws Exception {
        Cli.Result r = Cli.run(60, "run", "--server", "apache", "--models", "poll");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo(
                "netoverhead: --server must be embedded, lighttpd, nginx or external, not 'apache'");
    }

    @AfterAll
    static void noServerIsLeft() throws Exception {
        assertThat(Leftovers.all()).isEmpty();
    }
}
