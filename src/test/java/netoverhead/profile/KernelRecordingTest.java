package netoverhead.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.server.PayloadServer;
import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;

/**
 * --kernel records with perf where this machine lets it, and otherwise fails at once with one line that
 * says why. Which of the two is expected is found out here independently, by trying perf directly.
 */
class KernelRecordingTest {
    @Test
    void profileKernelWritesPerfReportOrSaysWhyNot(@TempDir Path out) throws Exception {
        // kernel stacks: perf must run, and the kernel must allow them (root, or perf_event_paranoid at most 1)
        boolean usable = perfWorks(out, List.of("stat", "-e", "task-clock", "true")) && (isRoot() || paranoid() <= 1);
        Cli.Result r;
        // 256 MiB in all: enough kernel copying that its symbols stand out of the JVM's start and its compiler
        try (PayloadServer server = TestServers.embedded(64L << 20)) {
            r = Cli.run(300, "profile", "127.0.0.1", String.valueOf(server.port()), "--models", "poll",
                    "--connections", "4", "--payload", "64MiB", "--out", out.toString(), "--no-progress", "--kernel");
        }
        if (usable) {
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(out.resolve("profile_poll.perf.data")).isRegularFile();
            String report = Files.readString(out.resolve("profile_poll.perf.txt"));
            assertThat(report).contains("perf record -g", "Overhead", "[kernel.kallsyms]");
            assertThat(out.resolve("profile_poll.jfr")).isRegularFile();
        } else {
            assertClearError(r, out);
        }
    }

    @Test
    void recordSchedulingKernelWritesLatencyOrSaysWhyNot(@TempDir Path out) throws Exception {
        boolean usable = perfWorks(out, List.of("sched", "record", "-o", out.resolve("trial.data").toString(),
                "--", "true"));
        Files.deleteIfExists(out.resolve("trial.data"));
        Files.deleteIfExists(out.resolve("trial.data.old"));
        Cli.Result r;
        try (PayloadServer server = TestServers.embedded(8L << 20)) {
            r = Cli.run(300, "record-scheduling", "127.0.0.1", String.valueOf(server.port()), "--models", "threaded",
                    "--connections", "4", "--payload", "8MiB", "--out", out.toString(), "--no-progress", "--kernel");
        }
        if (usable) {
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(out.resolve("sched_threaded.perf.data")).isRegularFile();
            String report = Files.readString(out.resolve("sched_threaded.perf.txt"));
            assertThat(report).contains("perf sched latency", "Runtime ms", "Switches", "perf sched timehist",
                    "Runtime summary");
            // perf is on before the run starts, so every connection's thread is in timehist's summary, however
            // short the run (latency lists only threads whose wakeups were recorded, so not necessarily all)
            for (int i = 0; i < 4; i++) assertThat(report).containsPattern("job-" + i + "\\[\\d+/\\d+\\]");
        } else {
            assertClearError(r, out);
        }
    }

    private static void assertClearError(Cli.Result r, Path out) throws Exception {
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).doesNotContain("\n").startsWith("netoverhead: --kernel: perf ")
                .containsPattern("perf (is missing|is not permitted|does not work here)");
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("profile_")
                    || f.getFileName().toString().startsWith("sched_"))).isEmpty();
        }
    }

    private static boolean isRoot() throws Exception {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static int paranoid() throws Exception {
        Path p = Path.of("/proc/sys/kernel/perf_event_paranoid");
        return Files.exists(p) ? Integer.parseInt(Files.readString(p).strip()) : Integer.MAX_VALUE;
    }

    /** Whether perf runs these arguments successfully here; false when it is missing or refused. */
    private static boolean perfWorks(Path scratch, List<String> args) throws Exception {
        String perf = null;
        String path = System.getenv("PATH");
        for (String dir : ((path == null ? "" : path) + File.pathSeparator + "/usr/bin").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "perf"))) {
                perf = Path.of(dir, "perf").toString();
                break;
            }
        }
        if (perf == null) return false;
        List<String> cmd = new java.util.ArrayList<>(List.of(perf));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("perf-trial.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        Files.deleteIfExists(scratch.resolve("perf-trial.log"));
        return p.exitValue() == 0;
    }
}
