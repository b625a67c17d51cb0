package netoverhead.os;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Moves every thread of this process off some CPUs for as long as it is open, and back onto all it had when
 * closed. While an iteration runs, the harness samples memory, draws progress and reads the child's lines; with
 * the clients kept to CPUs of their own, any of that which the kernel placed on those CPUs would be taken from
 * the downloads being measured.
 */
public final class ProcessAffinity implements AutoCloseable {
    private static final int PASSES = 3;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** Moves nothing and gives nothing back. */
    public static final ProcessAffinity NONE = new ProcessAffinity(null, null, message -> { });

    private final Path taskset;
    private final CpuList restore;
    private final Consumer<String> log;

    private ProcessAffinity(Path taskset, CpuList restore, Consumer<String> log) {
        this.taskset = taskset;
        this.restore = restore;
        this.log = log;
    }

    /** Thrown when there is no CPU left to move to: the given CPUs are all this process may use. */
    public static final class NowhereElse extends IOException {
        NowhereElse(CpuList allowed) {
            super("CPUs " + allowed + " are all this process may use, so the harness shares them with the clients");
        }
    }

    /**
     * Moves this process's threads onto the CPUs it may use other than {@code away}; threads they start later
     * inherit that.
     *
     * @param log where {@link #close()} says that it could not give the CPUs back
     * @throws NowhereElse  when {@code away} covers every CPU this process may use; nothing is moved
     * @throws IOException  when taskset fails; the threads are back where they were
     */
    public static ProcessAffinity keepOff(CpuList away, Path taskset, Consumer<String> log) throws IOException {
        CpuList allowed = CpuList.allowed();
        CpuList rest = allowed.minus(away).orElseThrow(() -> new NowhereElse(allowed));
        ProcessAffinity moved = new ProcessAffinity(taskset, allowed, log);
        try {
            moveAll(rest, taskset);
        } catch (IOException e) {
            moved.close();
            throw e;
        }
        return moved;
    }

    /**
     * {@code taskset -a} sets the threads it lists one by one, and a thread started meanwhile by one not yet
     * moved keeps the old CPUs: so look again, and move again, until every thread is on {@code cpus}.
     */
    private static void moveAll(CpuList cpus, Path taskset) throws IOException {
        List<String> command = List.of(taskset.toString(), "-a", "-p", "-c", cpus.toString(),
                Long.toString(ProcessHandle.current().pid()));
        String failure = null;
        for (int pass = 0; pass < PASSES; pass++) {
            // a thread that ended between listing and setting fails taskset; the next pass goes on without it
            String said = taskset(command);
            if (said != null) failure = said;
            if (everyThreadOn(cpus)) return;
        }
        throw new IOException("cannot move the harness's threads to CPUs " + cpus
                + (failure == null ? "" : ": " + failure));
    }

    /** Runs taskset to its end; null when it succeeded, else the last line it said (its error). */
    private static String taskset(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "taskset did not finish within 10 s";
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while moving the harness's threads");
        }
        if (p.exitValue() == 0) return null;
        return said.lines().filter(l -> !l.isBlank()).reduce((first, next) -> next).orElse("taskset failed").strip();
    }

    /** Whether every thread of this process may run on exactly {@code cpus}; threads that end meanwhile do not count. */
    static boolean everyThreadOn(CpuList cpus) throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                CpuList current;
                try {
                    current = CpuList.allowedOf(task.resolve("status"));
                } catch (FileNotFoundException | NoSuchFileException ended) {
                    continue;
                }
                if (!current.equals(cpus)) return false;
            }
        }
        return true;
    }

    /** Gives every thread back the CPUs the process had before; a failure is said, not thrown, so that no result is lost. */
    @Override
    public void close() {
        if (restore == null) return;
        try {
            moveAll(restore, taskset);
        } catch (IOException e) {
            log.accept("warning: " + e.getMessage());
        }
    }
}
