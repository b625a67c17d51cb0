package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.server.HttpProbe;
import netoverhead.testing.OneIteration;
import netoverhead.testing.TestServers;

/**
 * Ctrl-C and SIGTERM in the middle of a real run: every process of the run ends (client children and the
 * embedded server the run started), the finished iterations are written as JSON and CSV marked incomplete,
 * and the iteration that was cut short is left out rather than reported as a measurement.
 */
class InterruptTest {
    /**
     * @param signal INT or TERM to the tool's process, or INT to its whole process group, as Ctrl-C in a
     *               terminal sends it (children and server included)
     */
    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM", "INT to the process group"})
    void signalMidRunStopsEverythingAndWritesWhatWasMeasured(String signal, @TempDir Path dir) throws Exception {
        boolean group = signal.endsWith("group");
        Assumptions.assumeTrue(succeeds("setsid", "true") && succeeds("env", "--default-signal", "true"),
                "unavailable: needs setsid (util-linux) and env --default-signal (coreutils 8.31 or newer)");
        int port = TestServers.freePort();
        String models = String.join(",", OneIteration.availableModels().map(n -> n.getPayload().name()).toList());
        Path err = dir.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>(List.of(
                // a process group of its own, as a terminal's foreground job has
                "setsid",
                // a shell in the background ignores SIGINT for its children; give the run default handling back
                "env", "--default-signal",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "netoverhead.Main",
                "run", "127.0.0.1", Integer.toString(port), "--models", models, "--connections", "20",
                "--iterations", "500", "--payload", "256KiB", "--out", dir.resolve("results").toString()));
        Process run = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
        Thread watcher = Thread.ofPlatform().daemon().start(() -> {
            while (run.isAlive()) {
                run.descendants().forEach(seen::add);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            // wait for three finished iterations and a client child at work
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.readString(err).contains("[3/") && clientChildAlive(run))) {
                assertThat(run.isAlive()).as("the run ended early: %s", Files.readString(err)).isTrue();
                assertThat(System.nanoTime()).as("the run did not get going").isLessThan(deadline);
                Thread.sleep(20);
            }
            new ProcessBuilder("kill", "-s", signal.substring(0, signal.indexOf(' ') < 0 ? signal.length() : signal.indexOf(' ')),
                    "--", group ? "-" + run.pid() : Long.toString(run.pid())).start().waitFor();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run ended after SIG%s", signal).isTrue();
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
            watcher.join(5000);
        }
        String stderr = Files.readString(err);
        assertThat(run.exitValue()).as(stderr).isEqualTo(signal.startsWith("INT") ? 130 : 143);
        assertThat(stderr).contains("interrupted; what was measured so far is in")
                .doesNotContain("Exception").doesNotContain("Shutdown in progress");

        // no process of the run is left: not the client children, not the server
        assertThat(seen).as("the run had children").isNotEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (seen.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(seen.stream().filter(ProcessHandle::isAlive).map(ProcessInfo::of).toList()).isEmpty();
        assertThat(HttpProbe.listening("127.0.0.1", port, 1000)).as("the embedded server is gone").isFalse();

        // what was measured is written, marked incomplete, and holds only whole iterations
        Path json = only(dir.resolve("results"), "-incomplete.json");
        Path csv = only(dir.resolve("results"), "-incomplete.csv");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("complete").asBoolean()).isFalse();
        int iterations = 0;
        for (JsonNode modelRun : root.get("runs")) {
            for (JsonNode it : modelRun.get("iterations")) {
                iterations++;
                assertThat(it.get("failure").isNull()).as(it.get("failure").asText()).isTrue();
                assertThat(it.get("figures").get("errors").asInt()).isZero();
                assertThat(it.get("jobs")).hasSize(20);
            }
        }
        assertThat(iterations).isGreaterThanOrEqualTo(3);
        long reportedFinished = stderr.lines().filter(l -> l.matches("\\[\\d+/\\d+\\] .*iteration \\d+/500: .*")).count();
        assertThat(iterations).as("every iteration reported as finished is in the results, and no other: %s", stderr)
                .isEqualTo(reportedFinished);
        assertThat(Files.readAllLines(csv)).hasSize(1 + iterations);
    }

    private static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean clientChildAlive(Process run) {
        return run.descendants().anyMatch(p -> p.info().commandLine().orElse("").contains("ChildMain"));
    }

    private static Path only(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matching = files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(matching).hasSize(1);
            return matching.getFirst();
        }
    }

    private record ProcessInfo(long pid, String command) {
        static ProcessInfo of(ProcessHandle p) {
            return new ProcessInfo(p.pid(), p.info().commandLine().orElse("?"));
        }
    }
}
