package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import netoverhead.harness.RunSpec;
import netoverhead.model.ClientPlan;
import netoverhead.report.JsonReport;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerKind;

/**
 * The run specification built from the command line: typed once, and from it the client plan the children
 * parse (keys unchanged on the wire) and the settings the results record (JSON names unchanged, the label last).
 */
class RunSpecFromOptionsTest {
    private static final ServerHandle SERVER = new ServerHandle() {
        @Override public String description() { return "nginx/1.26"; }
        @Override public long payloadBytes() { return 3 << 20; }
        @Override public void close() { }
    };

    private static RunOptions parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command.options;
    }

    @Test
    void typesTheOptionsOnceAndBuildsThePlanAndSettingsFromThem() throws Exception {
        RunSpec spec = parse("10.0.0.2", "8080", "--models", "poll,threaded", "--connections", "4,8", "--payload",
                "3MiB", "--server", "nginx", "--selector", "epoll", "--connect-timeout", "2s", "--read-timeout",
                "500ms", "--sample-interval", "5", "--buffer", "16KiB", "--loops", "2", "--verify", "--no-warmup",
                "--label", "nginx on the lab box").toSpec(true);

        assertThat(spec.target().server()).isEqualTo(ServerKind.NGINX);
        assertThat(spec.client().selector()).isEqualTo(RunSpec.Selector.EPOLL);
        assertThat(spec.client().startPriority()).isEqualTo(RunSpec.StartPriority.NORMAL);
        assertThat(spec.sampleInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(spec.stallTimeout()).isEqualTo(Duration.ofMillis(2500).plusSeconds(15));
        assertThat(spec.iterationOptions().startTimeout()).isEqualTo(RunSpec.START_TIMEOUT);
        assertThat(spec.iterationOptions().stallTimeout()).isEqualTo(spec.stallTimeout());

        ClientPlan plan = spec.clientPlan("10.0.0.2", 8080, "/testpayload").withConnections(8);
        assertThat(plan.toArgs()).containsExactly("host=10.0.0.2", "port=8080", "path=/testpayload", "connections=8",
                "buffer=16384", "connect_timeout_ms=2000", "read_timeout_ms=500", "selector=epoll", "loops=2",
                "verify=1", "max_head=" + plan.maxHeadBytes(), "start=normal", "warmup=0");
        assertThat(ClientPlan.fromArgs(plan.toArgs())).isEqualTo(plan);

        RunSettings settings = spec.settings("10.0.0.2", 8080, "/testpayload", SERVER, null, null);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(settings));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("models", "connections", "iterations", "payloadBytes", "address", "port",
                "path", "server", "serverDescription", "bufferBytes", "selector", "loops", "sampleIntervalMs",
                "connectTimeoutMs", "readTimeoutMs", "verify", "link", "profiler", "clientCpus", "serverCpus", "warmup",
                "startPriority", "label");
        assertThat(json.toString()).contains("\"models\":[\"poll\",\"threaded\"]", "\"connections\":[4,8]",
                "\"payloadBytes\":3145728", "\"server\":\"nginx\"", "\"serverDescription\":\"nginx/1.26\"",
                "\"selector\":\"epoll\"", "\"sampleIntervalMs\":5", "\"connectTimeoutMs\":2000",
                "\"readTimeoutMs\":500", "\"warmup\":false", "\"startPriority\":\"normal\"",
                "\"label\":\"nginx on the lab box\"");
        assertThat(settings.withModels(List.of("poll"))).isEqualTo(new ObjectMapper().treeToValue(
                ((ObjectNode) json).set("models", new ObjectMapper().readTree("[\"poll\"]")), RunSettings.class));
    }

    @Test
    void leavesTheSelectorToEachModelUnlessOneIsGiven() {
        RunSpec spec = parse().toSpec(false);
        assertThat(spec.client().selector()).isEqualTo(RunSpec.Selector.MODELS_OWN);
        assertThat(spec.clientPlan("127.0.0.1", 8000, "/testpayload").selector()).isNull();
        assertThat(spec.settings("127.0.0.1", 8000, "/testpayload", SERVER, null, null).selector()).isNull();
        assertThat(spec.label()).isNull();
    }

    @Test
    void refusesAnUnknownChoiceInOneLineNamingWhatItTakes() {
        assertThatThrownBy(() -> parse("--selector", "kqueue").toSpec(false)).isInstanceOf(UsageException.class)
                .hasMessage("--selector must be poll, epoll or default, not 'kqueue'");
        assertThatThrownBy(() -> parse("--selector", "models_own").toSpec(false)).isInstanceOf(UsageException.class)
                .hasMessage("--selector must be poll, epoll or default, not 'models_own'");
        assertThatThrownBy(() -> parse("--server", "apache").toSpec(false)).isInstanceOf(UsageException.class)
                .hasMessage("--server must be embedded, lighttpd, nginx or external, not 'apache'");
        assertThatThrownBy(() -> parse("--start-priority", "high").toSpec(false)).isInstanceOf(UsageException.class)
                .hasMessage("--start-priority must be normal or realtime, not 'high'");
    }

    /** Results written before the label existed load, with no label. */
    @Test
    void readsResultsWrittenWithoutALabel(@TempDir Path dir) throws Exception {
        RunSpec spec = parse("--models", "poll", "--label", "x").toSpec(false);
        RunResult result = new RunResult("netoverhead", null, spec.settings("127.0.0.1", 8000, "/testpayload", SERVER, null, null),
                "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", true, List.of());
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(JsonReport.render(result));
        ((ObjectNode) json.get("settings")).remove("label");
        Path old = dir.resolve("old.json");
        Files.writeString(old, json.toString());

        RunResult read = JsonReport.read(old);
        assertThat(read.settings().label()).isNull();
        assertThat(read.settings().models()).containsExactly("poll");
        assertThat(JsonReport.read(write(dir.resolve("new.json"), JsonReport.render(result))).settings().label())
                .isEqualTo("x");
    }

    private static Path write(Path file, String text) throws Exception {
        return Files.writeString(file, text);
    }
}
