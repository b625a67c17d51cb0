package netoverhead.child;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Waits, after the warm-up round, until HotSpot's compiler threads have stopped working. The round queues
 * the compilations of the read path, but the optimizing compiler takes them one at a time, and whatever is
 * still queued when the window opens competes with every job thread for the client's CPU: one compiler
 * thread among 100 job threads in the ordinary class gets about a hundredth of it, so a compilation of a
 * few milliseconds finished seconds into the window, and until then the jobs ran slower code.
 *
 * <p>The JDK has no API for its compile queue. The compiler threads' state and time on the CPU, from
 * /proc/self/task/[tid]/stat and schedstat, are the nearest sign: a compiler thread with nothing queued
 * sleeps and its time stops moving; one with work is runnable, on a CPU or waiting for one, so a compiler
 * that other threads keep off the CPU does not pass for a quiet one.
 */
final class CompilerQuiescence {
    /** Longer than any gap between two compilations of one queue, short beside a child's start-up. */
    static final long QUIET_NANOS = 20_000_000L;
    private static final long POLL_MILLIS = 2;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** The compiler threads together: their time on the CPU, and whether any of them is runnable. */
    record Reading(long cpuNanos, boolean runnable) {}

    private CompilerQuiescence() {}

    /**
     * Returns once the compiler threads have been asleep, with no time on the CPU, for {@link #QUIET_NANOS},
     * or after {@code limitNanos} whatever they are doing, or at once where /proc does not show them.
     *
     * @return nanoseconds waited
     */
    static long await(long limitNanos) throws InterruptedException {
        return await(limitNanos, CompilerQuiescence::read);
    }

    /** The same, with the compilers' readings from {@code compilers} (null: not known). */
    static long await(long limitNanos, Supplier<Reading> compilers) throws InterruptedException {
        long start = System.nanoTime();
        Reading last = compilers.get();
        if (last == null) return 0;
        long quietSince = start;
        while (true) {
            long now = System.nanoTime();
            if (now - quietSince >= QUIET_NANOS || now - start >= limitNanos) return now - start;
            Thread.sleep(POLL_MILLIS);
            Reading next = compilers.get();
            if (next == null) return System.nanoTime() - start;
            if (next.runnable() || next.cpuNanos() != last.cpuNanos()) quietSince = System.nanoTime();
            last = next;
        }
    }

    /** This JVM's compiler threads now; null where /proc shows none. */
    static Reading read() {
        long cpu = 0;
        boolean runnable = false;
        boolean found = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    // the kernel keeps 15 characters of a thread's name: "C2 CompilerThre", "C1 CompilerThre".
                    // Files.readString reads these files whole, and unlike ProcFiles.read allocates no 64 KiB
                    // buffer per file, which every thread would cost every poll.
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) continue;
                    String schedstat = Files.readString(task.resolve("schedstat"));
                    cpu += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
                    runnable |= state(Files.readString(task.resolve("stat"))) == 'R';
                    found = true;
                } catch (IOException | RuntimeException e) {
                    // a compiler thread that ended between the listing and the read: it compiles nothing now
                }
            }
        } catch (IOException e) {
            return null;
        }
        return found ? new Reading(cpu, runnable) : null;
    }

    /** The state letter of a /proc stat line: "1234 (C2 CompilerThre) S 1 ..." (the name may hold spaces). */
    static char state(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) throw new IllegalArgumentException("not a stat line: " + stat);
        return stat.charAt(close + 2);
    }
}
