package netoverhead.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import netoverhead.harness.ChildProcesses;

/**
 * perf attached to the child process of one iteration. The harness starts the child itself, so a watcher
 * notes this process's children before the iteration and attaches perf to the first new one as soon as it
 * appears (while its JVM is still starting, long before the model runs); threads the child starts later are
 * followed by perf's inheritance. perf ends by itself when the child does.
 */
public final class PerfAttachment {
    private static final long FIND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Perf perf;
    private final Perf.Use use;
    private final Path data;
    private final Path log;
    private final Thread watcher;
    private volatile Process perfProcess;
    private volatile long childPid = -1;
    private volatile String problem;

    private PerfAttachment(Perf perf, Perf.Use use, Path data) throws IOException {
        this.perf = perf;
        this.use = use;
        this.data = data;
        this.log = Files.createTempFile("netoverhead-perf", ".log");
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        this.watcher = Thread.ofPlatform().daemon().name("netoverhead-perf-attach").unstarted(() -> attach(before));
    }

    /** Starts watching for the child that the next iteration starts. */
    public static PerfAttachment watch(Perf perf, Perf.Use use, Path data) throws IOException {
        PerfAttachment a = new PerfAttachment(perf, use, data);
        a.watcher.start();
        return a;
    }

    private void attach(Set<Long> before) {
        long deadline = System.nanoTime() + FIND_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            ProcessHandle child = ProcessHandle.current().children()
                    .filter(p -> !before.contains(p.pid()) && p.isAlive()).findFirst().orElse(null);
            if (child != null) {
                childPid = child.pid();
                List<String> command = switch (use) {
                    case SAMPLE -> List.of(perf.binary(), "record", "-g", "-F", "999", "-o", data.toString(),
                            "-p", String.valueOf(childPid));
                    case SCHED -> List.of(perf.binary(), "sched", "record", "-o", data.toString(),
                            "-p", String.valueOf(childPid));
                };
                try {
                    perfProcess = ChildProcesses.track(new ProcessBuilder(command)
                            .redirectErrorStream(true).redirectOutput(log.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
                } catch (IOException e) {
                    problem = "perf could not be started: " + e.getMessage();
                }
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
        problem = "the child process never appeared, so perf recorded nothing";
    }

    /**
     * After the iteration: waits for perf to write its data (it ends when the child does) and returns the
     * child's pid, whose perf map names the JIT-compiled Java frames.
     */
    public long finish() throws IOException, InterruptedException {
        watcher.interrupt();
        watcher.join(TimeUnit.SECONDS.toMillis(5));
        Process p = perfProcess;
        try {
            if (p == null) throw new IOException(problem != null ? problem : "perf was not started");
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroy(); // perf writes its data on SIGTERM as on Ctrl-C
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("perf did not end after its child did; killed");
                }
            }
            if (p.exitValue() != 0 || !Files.exists(data)) {
                List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
                throw new IOException("perf failed (status " + p.exitValue() + ")"
                        + (lines.isEmpty() ? "" : ": " + lines.getLast()));
            }
            return childPid;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
