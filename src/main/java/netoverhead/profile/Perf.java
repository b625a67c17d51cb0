package netoverhead.profile;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import netoverhead.os.ProcFiles;

/**
 * The perf tool: where it is, whether this user may use it for what is asked, and running it with a time
 * bound. Checked before anything runs, so that {@code --kernel} on a machine without perf fails in one line
 * that says why (missing, not permitted, or not working) instead of after a run.
 */
public final class Perf {
    /** What perf is asked for: its check differs, since scheduler tracepoints need more than sampling. */
    public enum Use {
        /** perf record -g: kernel stacks need perf_event_paranoid at most 1, or root. */
        SAMPLE(1, "kernel stacks"),
        /** perf sched record: scheduler tracepoints need perf_event_paranoid at most -1, or root. */
        SCHED(-1, "scheduler tracepoints");

        final int paranoidAtMost;
        final String needs;

        Use(int paranoidAtMost, String needs) {
            this.paranoidAtMost = paranoidAtMost;
            this.needs = needs;
        }
    }

    private final String binary;

    private Perf(String binary) {
        this.binary = binary;
    }

    public String binary() {
        return binary;
    }

    /** perf, ready for this use, or a {@link PerfUnavailable} whose message is the one line to print. */
    public static Perf forUse(Use use) throws PerfUnavailable {
        String binary = locate().orElseThrow(() -> new PerfUnavailable(
                "perf is missing: no perf on PATH or in /usr/bin (on Debian: apt-get install linux-perf)"));
        Path paranoidFile = Path.of("/proc/sys/kernel/perf_event_paranoid");
        int paranoid;
        try {
            paranoid = Integer.parseInt(ProcFiles.read(paranoidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new PerfUnavailable("perf is not permitted: " + paranoidFile
                    + " cannot be read, so this kernel offers no perf events");
        }
        if (!isRoot() && paranoid > use.paranoidAtMost) {
            throw new PerfUnavailable("perf is not permitted: kernel.perf_event_paranoid is " + paranoid
                    + " and this user is not root; " + use.needs + " need " + use.paranoidAtMost
                    + " or less (sysctl kernel.perf_event_paranoid=" + use.paranoidAtMost + ") or root");
        }
        Perf perf = new Perf(binary);
        Path trialData = null;
        try {
            List<String> trial = new ArrayList<>(List.of(binary, "stat", "-e", "task-clock", "true"));
            if (use == Use.SCHED) {
                trialData = Files.createTempFile("netoverhead-perf-trial", ".data");
                trial = List.of(binary, "sched", "record", "-o", trialData.toString(), "--", "true");
            }
            Outcome o = perf.run(trial, 60);
            if (o.status != 0) {
                throw new PerfUnavailable("perf does not work here: '" + String.join(" ", trial.subList(1, trial.size()))
                        .replace(String.valueOf(trialData), "FILE") + "' failed: " + o.lastLine());
            }
        } catch (IOException e) {
            throw new PerfUnavailable("perf does not work here: " + binary + " cannot be started: " + e.getMessage());
        } finally {
            if (trialData != null) {
                try {
                    Files.deleteIfExists(trialData);
                    Files.deleteIfExists(Path.of(trialData + ".old"));
                } catch (IOException ignored) {
                    // a file in the temp directory
                }
            }
        }
        return perf;
    }

    static Optional<String> locate() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/sbin");
        for (String dir : dirs) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "perf");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p.toString());
        }
        return Optional.empty();
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** How a perf command ended and what it said. */
    public record Outcome(int status, String stdout, String stderr) {
        String lastLine() {
            List<String> lines = stderr.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            return lines.isEmpty() ? "exit status " + status : lines.getLast();
        }
    }

    /** Runs perf with these arguments (the first is the binary) and waits at most the timeout. */
    public Outcome run(List<String> command, long timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("netoverhead-perf", ".out");
        Path err = Files.createTempFile("netoverhead-perf", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    return new Outcome(-1, Files.readString(out, StandardCharsets.UTF_8),
                            "perf did not finish within " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while perf ran");
            }
            return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Why perf cannot be used here, in one line. */
    public static final class PerfUnavailable extends Exception {
        public PerfUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
