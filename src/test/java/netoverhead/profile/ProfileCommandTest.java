package netoverhead.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.server.PayloadServer;
import netoverhead.testing.Cli;
import netoverhead.testing.PacedServer;
import netoverhead.testing.TestServers;

/** profile on a small real run: recordings that parse, summaries that name the model's own methods. */
class ProfileCommandTest {
    static final int CONNECTIONS = 4;
    static final long PAYLOAD = 16L << 20;

    @Test
    void profilesThreadedAndPollIntoRecordingsAndSummaries(@TempDir Path out) throws Exception {
        // the method samples are periodic (every 2 ms), so the run is paced to last long enough for the
        // models' own methods to be sampled however fast the machine is
        try (PacedServer server = PacedServer.start(PAYLOAD, 9, Duration.ofMillis(75))) {
            Cli.Result r = Cli.run(300, "profile", "127.0.0.1", String.valueOf(server.port()), "--models",
                    "threaded,poll", "--connections", String.valueOf(CONNECTIONS), "--payload", "16MiB",
                    "--out", out.toString(), "--no-progress", "--client-cpus", "0");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        }
        for (String model : new String[] {"threaded", "poll"}) {
            Path jfr = out.resolve("profile_" + model + ".jfr");
            Path txt = out.resolve("profile_" + model + ".txt");
            assertThat(jfr).isRegularFile();
            assertThat(txt).isRegularFile();

            Map<String, Integer> counts = JfrSummaries.eventCounts(jfr);
            assertThat(counts).containsKeys("jdk.SocketRead", "jdk.SocketWrite", "jdk.NativeMethodSample",
                    "jdk.ThreadStart", "jdk.ActiveSetting");
            // zero threshold and no throttle: every read is there, so together they carry every body byte
            assertThat(Recordings.sum(jfr, "jdk.SocketRead", "bytesRead")).isGreaterThanOrEqualTo(CONNECTIONS * PAYLOAD);
            assertThat(counts.get("jdk.SocketWrite")).isGreaterThanOrEqualTo(CONNECTIONS);
            Map<String, String> active = Recordings.activeSettings(jfr);
            assertThat(active).containsEntry("jdk.SocketRead#threshold", "0 ms").containsEntry("jdk.SocketRead#throttle", "off");

            String summary = Files.readString(txt);
            assertThat(summary).contains("Hottest methods", "Socket I/O", "GC and allocation", "Threads started",
                    "measured under JFR");
            assertThat(summary).containsPattern("read +\\d+ calls");
            Path json = out.resolve("profile_" + model + ".json");
            JsonNode result = new ObjectMapper().readTree(json.toFile());
            assertThat(result.at("/settings/profiler").asText()).isEqualTo("JFR");
            assertThat(result.at("/settings/clientCpus").asText()).isEqualTo("0");
            assertThat(result.at("/runs/0/model").asText()).isEqualTo(model);
            assertThat(result.at("/runs/0/iterations").size()).isEqualTo(1);
        }
        // the poll model's select loop and the threaded model's blocking job are on the sampled stacks
        assertThat(Files.readString(out.resolve("profile_poll.txt"))).contains("netoverhead.model.SelectorLoop.run");
        assertThat(Files.readString(out.resolve("profile_threaded.txt")))
                .contains("netoverhead.model.BlockingJob.run").contains("job-#");
        assertThat(out.resolve("results")).doesNotExist();
    }

    @Test
    void writesIntoTheCurrentDirectoryWithoutOut(@TempDir Path cwd) throws Exception {
        try (PayloadServer server = TestServers.embedded(1L << 20)) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "netoverhead.Main", "profile", "127.0.0.1",
                    String.valueOf(server.port()), "--models", "poll", "--connections", "2", "--payload", "1MiB",
                    "--no-progress");
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(cwd.resolve("out.log").toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("profile did not finish within 300 s");
            }
            assertThat(p.exitValue()).as(Files.readString(cwd.resolve("out.log"))).isZero();
        }
        assertThat(cwd.resolve("profile_poll.jfr")).isRegularFile();
        assertThat(cwd.resolve("profile_poll.txt")).isRegularFile();
        assertThat(cwd.resolve("profile_poll.json")).isRegularFile();
        // figures measured under a profiler never go to the normal results directory
        assertThat(cwd.resolve("results")).doesNotExist();
    }

    @Test
    void refusesResultFileOptionsInOneLine(@TempDir Path out) throws Exception {
        Cli.Result r = Cli.run(60, "profile", "--models", "poll", "--json", out.resolve("x.json").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).startsWith("netoverhead: --json is not used by profile").doesNotContain("\n");
    }

    /** The HTML report is run's: profile says so in one line before it runs anything, and writes no file. */
    @Test
    void refusesHtmlInOneLineAndWritesNothing(@TempDir Path out) throws Exception {
        Path html = out.resolve("f.html");
        Cli.Result r = Cli.run(60, "profile", "--models", "poll", "--html", html.toString(), "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("netoverhead: --html is not used by profile: it writes "
                + "profile_<model>.json next to its recordings");
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }
}
