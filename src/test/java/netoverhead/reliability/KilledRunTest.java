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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.model.registry.ModelRegistry;
import netoverhead.process.Binaries;
import netoverhead.server.HttpProbe;
import netoverhead.testing.TestServers;

/**
 * SIGKILL of a run in the middle of its measurements, which no shutdown hook sees: every process the run
 * started (the server it owns, lighttpd's or nginx's processes, the client children, JVM and native) ends
 * on its own, and the port is free for the next run.
 */
class KilledRunTest {
    @ParameterizedTest(name = "--server {0}")
    @ValueSource(strings = {"embedded", "lighttpd", "nginx"})
    void everyProcessOfARunKilledMidRunEnds(String server, @TempDir Path dir) throws Exception {
        if (!server.equals("embedded")) Assumptions.assumeTrue(installed(server), server + " is not installed");
        int port = TestServers.freePort();
        List<String> models = new ArrayList<>(List.of("threaded"));
        if (ModelRegistry.byName("native-threaded").orElseThrow().availability().available()) {
            models.add("native-threaded");
        }
        Path err = dir.resolve("stderr.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "netoverhead.Main",
                "run", "127.0.0.1", Integer.toString(port), "--server", server, "--models", String.join(",", models),
                "--connections", "4", "--iterations", "500", "--payload", "16MiB", "--out", dir.resolve("out").toString()));
        Process run = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        Set<ProcessHandle> started = ConcurrentHashMap.newKeySet();
        try {
            // record what the run starts until a client child is at work in a later iteration, then kill the run
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean clientAtWork = false;
            while (!clientAtWork) {
                assertThat(run.isAlive()).as("the run ended early: %s", Files.readString(err)).isTrue();
                assertThat(System.nanoTime()).as("the run did not get going: %s", Files.readString(err))
                        .isLessThan(deadline);
                run.descendants().forEach(started::add);
                clientAtWork = Files.readString(err).contains("[2/") && run.descendants().anyMatch(KilledRunTest::isClient);
                Thread.sleep(20);
            }
            run.descendants().forEach(started::add);
            run.destroyForcibly(); // SIGKILL, to this pid only
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        assertThat(run.exitValue()).isEqualTo(137);
        assertThat(started).as("the run started a server and clients").anyMatch(KilledRunTest::isClient)
                .hasSizeGreaterThanOrEqualTo(2);

        List<String> alive = List.of();
        for (int second = 0; second < 30; second++) {
            alive = started.stream().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().map(c -> c.replaceAll(" -cp \\S+", "")).orElse("?"))
                    .toList();
            if (alive.isEmpty() && !HttpProbe.listening("127.0.0.1", port, 1000)) break;
            Thread.sleep(1000);
        }
        try {
            assertThat(alive).as("processes of the killed run still alive").isEmpty();
            assertThat(HttpProbe.listening("127.0.0.1", port, 1000)).as("the port is free").isFalse();
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean installed(String program) {
        try {
            Binaries.require(program, program);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isClient(ProcessHandle p) {
        String command = p.info().commandLine().orElse("");
        return command.contains("netoverhead.child.ChildMain") || command.contains("netoverhead-threaded");
    }
}
