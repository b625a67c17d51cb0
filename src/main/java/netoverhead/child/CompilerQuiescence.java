package netoverhead.child;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Waits, after the warm-up round, until HotSpot's compiler threads have stopped working. The round queues
 * the compilations of the read path, but the optimizing compiler takes them one at a time, and whatever is
 * still queued when the window opens competes with every job thread for the client's CPU: one compiler
 * thread among 100 job threads in the ordinary class gets about a hundredth of it, so a compilation of a
 * few milliseconds finished seconds into the window, and until then the jobs ran slower code.
 *
 * <p>The JDK has no API for its compile queue. The compiler threads' time on the CPU, from
 * /proc/self/task/[tid]/schedstat, is the nearest sign: it stops moving when the queue is empty.
 */
final class CompilerQuiescence {
    /** Longer than any gap between two compilations of one queue, short beside a child's start-up. */
    static final long QUIET_NANOS = 20_000_000L;
    private static final long POLL_MILLIS = 2;
    private static final Path TASKS = Path.of("/proc/self/task");

    private CompilerQuiescence() {}

    /**
     * Returns once the compiler threads have had no time on the CPU for {@link #QUIET_NANOS}, or after
     * {@code limitNanos} whatever they are doing, or at once where /proc does not show them.
     *
     * @return nanoseconds waited
     */
    static long await(long limitNanos) throws InterruptedException {
        return await(limitNanos, CompilerQuiescence::compilerCpuNanos);
    }

    /** The same, with the compilers' CPU time from {@code compilerCpu} (negative: not known). */
    static long await(long limitNanos, LongSupplier compilerCpu) throws InterruptedException {
        long start = System.nanoTime();
        long cpu = compilerCpu.getAsLong();
        if (cpu < 0) return 0;
        long quietSince = start;
        while (true) {
            long now = System.nanoTime();
            if (now - quietSince >= QUIET_NANOS || now - start >= limitNanos) return now - start;
            Thread.sleep(POLL_MILLIS);
            long next = compilerCpu.getAsLong();
            if (next != cpu) {
                cpu = next;
                quietSince = System.nanoTime();
            }
        }
    }

    /** Time on the CPU of this JVM's compiler threads together, in nanoseconds; -1 where /proc shows none. */
    static long compilerCpuNanos() {
        long sum = 0;
        boolean found = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    // the kernel keeps 15 characters of a thread's name: "C2 CompilerThre", "C1 CompilerThre".
                    // Files.readString reads these two whole, and unlike ProcFiles.read allocates no 64 KiB buffer
                    // per file, which every thread would cost every poll.
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) continue;
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    sum += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                    found = true;
                } catch (IOException | RuntimeException e) {
                    // a compiler thread that ended between the listing and the read: it compiles nothing now
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return found ? sum : -1;
    }
}
