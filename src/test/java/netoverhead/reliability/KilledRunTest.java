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
import netoverhead.process.ProcessMeter;
import netoverhead.server.HttpProbe;
import netoverhead.testing.Leftovers;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/**
 * SIGKILL of a run in the middle of its measurements, which no shutdown hook sees: every process the run
 * started (the server it owns, lighttpd's or nginx's processes, the client children, JVM and native) ends
 * on its own, and the port is free for the next run, even while a client waits on a server that does not
 * answer.
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
        Path tmp = Files.createDirectory(dir.resolve("tmp")); // the run's temporary files, and nothing else's
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), "netoverhead.Main",
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
        assertThat(started).as("the run started a server and a client (seen at work before the kill)")
                .hasSizeGreaterThanOrEqualTo(2);

        List<String> alive = List.of();
        List<String> temporary = List.of();
        for (int second = 0; second < 30; second++) {
            alive = started.stream().filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " " + p.info().commandLine().map(c -> c.replaceAll(" -cp \\S+", "")).orElse("?"))
                    .toList();
            try (var files = Files.list(tmp)) {
                temporary = files.map(f -> f.getFileName().toString()).toList();
            }
            if (alive.isEmpty() && temporary.isEmpty() && !HttpProbe.listening("127.0.0.1", port, 1000)) break;
            Thread.sleep(1000);
        }
        try {
            assertThat(alive).as("processes of the killed run still alive").isEmpty();
            assertThat(HttpProbe.listening("127.0.0.1", port, 1000)).as("the port is free").isFalse();
            assertThat(temporary).as("temporary files and directories left (a server's directory, a child's log)")
                    .isEmpty();
            // the clients' cgroups outlive a killed run, empty; the next run's meter removes them, as here
            ProcessMeter.removeLeftovers();
            assertThat(Leftovers.cgroupsOf(run.pid())).as("cgroups of the killed run").isEmpty();
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * A client in the middle of its measured window, blocked on a server that sent part of a body and holds
     * the connection (its read timeout is minutes away), ends when the run is killed: a JVM client through
     * the pipe it watches, a native client through the signal it asked for on its parent's death.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"threaded", "native-threaded"})
    void aClientWaitingOnTheServerEndsWhenTheRunIsKilled(String model, @TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ModelRegistry.byName(model).orElseThrow().availability().available(), model + " unavailable");
        long payload = 100_000;
        try (ScriptedServer server = ScriptedServer.start(payload, ScriptedServer.thenHold(
                ScriptedServer.concat(ScriptedServer.okHead(payload), ScriptedServer.body(0, 1000))))) {
            Path err = dir.resolve("stderr.txt");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "netoverhead.Main",
                    "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external", "--models", model,
                    "--connections", "1", "--iterations", "1", "--no-warmup", "--read-timeout", "300s",
                    "--out", dir.resolve("out").toString());
            Process run = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout.txt").toFile())
                    .redirectError(err.toFile()).start();
            Set<ProcessHandle> clients = ConcurrentHashMap.newKeySet();
            try {
                // a client connected to the server is in its measured window, waiting for the rest of the body
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (clients.stream().noneMatch(c -> connectedTo(c, server.port()))) {
                    assertThat(run.isAlive()).as("the run ended early: %s", Files.readString(err)).isTrue();
                    assertThat(System.nanoTime()).as("no client connected: %s", Files.readString(err)).isLessThan(deadline);
                    run.descendants().filter(KilledRunTest::isClient).forEach(clients::add);
                    Thread.sleep(20);
                }
                run.destroyForcibly(); // SIGKILL, to this pid only
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                run.destroyForcibly();
            }
            try {
                for (int second = 0; second < 30 && clients.stream().anyMatch(ProcessHandle::isAlive); second++) {
                    Thread.sleep(1000);
                }
                assertThat(clients.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                        .as("clients of the killed run still alive").isEmpty();
                ProcessMeter.removeLeftovers();
                assertThat(Leftovers.cgroupsOf(run.pid())).as("cgroups of the killed run").isEmpty();
            } finally {
                clients.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Whether {@code p} holds a TCP connection to {@code port} (from /proc/net/tcp and tcp6, and its fds). */
    private static boolean connectedTo(ProcessHandle p, int port) {
        try {
            Set<String> sockets = new java.util.HashSet<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) { // JVM sockets are IPv6, mapped
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    if (Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16) == port && f[3].equals("01")) {
                        sockets.add("socket:[" + f[9] + "]");
                    }
                }
            }
            try (var fds = Files.list(Path.of("/proc", Long.toString(p.pid()), "fd"))) {
                return fds.anyMatch(fd -> {
                    try {
                        return sockets.contains(Files.readSymbolicLink(fd).toString());
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        } catch (IOException e) {
            return false; // the process has gone
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
