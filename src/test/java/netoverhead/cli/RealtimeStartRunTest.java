package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import netoverhead.os.RealtimeStart;
import netoverhead.testing.TestServers;
import netoverhead.testing.WatchedRun;

/**
 * --start-priority realtime through the real command line: the jobs start in the real-time class, the downloads
 * run in the ordinary one (watched from outside in /proc while the clients run), the results say how they
 * started, and a process without the permission is told so in one line before anything runs.
 */
class RealtimeStartRunTest {
    private static final int SCHED_FIFO = 1;

    @TempDir
    Path dir;

    @Test
    void downloadsRunInTheOrdinaryClassAndTheResultsSayHowTheJobsStarted() throws Exception {
        assumeTrue(RealtimeStart.check() == null, "needs root or CAP_SYS_NICE: " + RealtimeStart.check());
        Path json = dir.resolve("run.json");
        // the first and the last look at which each real-time thread of a client was seen in that class
        Map<String, long[]> realtimeSeen = new HashMap<>();
        WatchedRun.run(dir, 180, run -> {
            long now = System.nanoTime();
            for (ProcessHandle child : run.descendants().toList()) {
                String line = child.info().commandLine().orElse("");
                if (!line.contains("netoverhead.child.ChildMain") && !line.contains("netoverhead-threaded")) continue;
                for (String task : realtimeTasks(child.pid())) {
                    realtimeSeen.computeIfAbsent(task, k -> new long[] {now, now})[1] = now;
                }
            }
        }, "run", "127.0.0.1", Integer.toString(TestServers.freePort()), "--models",
                "threaded,ffm-threaded,native-threaded,virtual", "--connections", "8", "--payload", "512MiB",
                "--iterations", "1", "--start-priority", "realtime", "--json", json.toString(),
                "--out", dir.resolve("results").toString(), "--no-progress");
        // a job that kept the class would be seen in it for its whole download, about a second at least
        realtimeSeen.forEach((task, span) -> assertThat((span[1] - span[0]) / 1_000_000)
                .as("ms thread %s was seen in the real-time class", task).isLessThan(500));
        JsonNode settings = new ObjectMapper().readTree(json.toFile()).get("settings");
        assertThat(settings.get("startPriority").asText()).isEqualTo("realtime");
        assertThat(settings.get("warmup").asBoolean()).isTrue();
        for (JsonNode model : new ObjectMapper().readTree(json.toFile()).get("runs")) {
            JsonNode figures = model.get("iterations").get(0).get("figures");
            assertThat(figures.get("errors").asInt()).as(model.get("model").asText()).isZero();
            assertThat(figures.get("bytesReceived").asLong()).isEqualTo(figures.get("bytesExpected").asLong());
        }
    }

    @Test
    void withoutThePermissionTheRunSaysSoInOneLineAndExitsTwo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        // root that has given up CAP_SYS_NICE: the files stay readable, the real-time class does not
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--inh-caps=-sys_nice", "--bounding-set=-sys_nice", java(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "netoverhead.Main",
                "run", "--start-priority", "realtime", "--models", "threaded", "--iterations", "1",
                "--out", dir.resolve("results").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = new String(p.getInputStream().readAllBytes());
        assumeTrue(!said.contains("setpriv:"), "setpriv cannot drop the capability here: " + said.strip());
        assertThat(p.exitValue()).as(said).isEqualTo(2);
        assertThat(said.strip().lines()).containsExactly(
                "netoverhead: --start-priority realtime: sched_setscheduler: not permitted (needs root or CAP_SYS_NICE)");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** pid/tid of every thread of the process in SCHED_FIFO (field 41 of its stat). */
    private static List<String> realtimeTasks(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.filter(t -> policy(t) == SCHED_FIFO).map(t -> pid + "/" + t.getFileName()).toList();
        } catch (NoSuchFileException ended) {
            return List.of();
        }
    }

    private static int policy(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[41 - 3]);
        } catch (IOException | RuntimeException ended) {
            return -1;
        }
    }
}
