package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.testing.TestServers;

/**
 * A server program the tool starts (as lighttpd and nginx are started) and that forks (as nginx does) ends
 * with the tool, and its directory goes: when the tool closes it, and when the tool is killed with SIGKILL,
 * which no hook of the tool sees. The "tool" is a JVM of its own ({@link WatchedServerParent}), so that it can be killed.
 */
class ParentWatchTest {
    @ParameterizedTest(name = "parent {0}")
    @ValueSource(strings = {"killed", "closes"})
    void aForkingServerEndsWithItsParent(String how) throws Exception {
        int port = TestServers.freePort();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WatchedServerParent.class.getName(),
                Integer.toString(port), how.equals("killed") ? "wait" : "close");
        Process parent = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> started = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the parent started its server").startsWith("SERVING ");
            started.addAll(parent.descendants().toList());
            assertThat(started).as("the watch, the program and what it forked")
                    .hasSizeGreaterThanOrEqualTo(4)
                    .anyMatch(p -> p.info().commandLine().orElse("").contains("netoverhead.Main serve"));
            assertThat(HttpProbe.listening("127.0.0.1", port, 1000)).isTrue();
            if (how.equals("killed")) {
                parent.destroyForcibly(); // SIGKILL, to this pid only
            } else {
                assertThat(out.readLine()).isEqualTo("CLOSED");
            }
            assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            parent.destroyForcibly();
        }
        List<ProcessHandle> alive = List.of();
        for (int second = 0; second < 30; second++) {
            alive = started.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty() && !HttpProbe.listening("127.0.0.1", port, 1000) && directories(parent.pid()).isEmpty()) {
                break;
            }
            Thread.sleep(1000);
        }
        try {
            assertThat(alive.stream().map(p -> p.pid() + " " + p.info().command().orElse("?")).toList())
                    .as("processes of the server still alive").isEmpty();
            assertThat(HttpProbe.listening("127.0.0.1", port, 1000)).as("the port is free").isFalse();
            assertThat(directories(parent.pid())).as("the server's directory is removed").isEmpty();
        } finally {
            started.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The directories ProgramServer made for the parent {@code pid} (ServerDirectory names them so). */
    private static List<String> directories(long pid) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("netoverhead-watched-" + pid + "-")).toList();
        }
    }
}
