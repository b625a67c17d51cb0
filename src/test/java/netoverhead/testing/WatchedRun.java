package netoverhead.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real command line in a child JVM and looks at it from outside every 10 ms until it ends, for tests
 * that check what its processes do while they run. Bounded: a run past its time fails the test.
 */
public final class WatchedRun {
    /** One look at the running command's process. */
    public interface Look {
        void at(ProcessHandle run) throws IOException;
    }

    private WatchedRun() {}

    /** Runs {@code netoverhead ARGS}, looking every 10 ms; asserts that it ends in time with status 0. */
    public static void run(Path dir, long timeoutSeconds, Look look, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "netoverhead.Main"));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("stderr.txt");
        Process run = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (run.isAlive() && System.nanoTime() < deadline) {
                look.at(run.toHandle());
                Thread.sleep(10);
            }
            assertThat(run.waitFor(5, TimeUnit.SECONDS)).as("the run ends within " + timeoutSeconds + " s").isTrue();
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        assertThat(run.exitValue()).as(Files.readString(err)).isZero();
    }
}
