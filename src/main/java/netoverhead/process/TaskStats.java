package netoverhead.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import netoverhead.os.ProcFiles;

/**
 * Figures summed over every thread a process has at the moment of reading, from /proc/<pid>/task/*:
 * the CPU time the scheduler accounted (schedstat's first field, in nanoseconds) and the context switches
 * (voluntary_ctxt_switches and nonvoluntary_ctxt_switches of status). A thread that ends between two
 * readings takes its figures with it, so a difference of two readings misses the threads that ended in
 * between; a thread that starts in between counts from zero, which is right.
 */
final class TaskStats {
    /** One reading: any figure is -1 where no thread could be read. */
    record Sum(long cpuNs, long voluntarySwitches, long involuntarySwitches) {
        boolean hasCpu() {
            return cpuNs >= 0;
        }

        boolean hasSwitches() {
            return voluntarySwitches >= 0 && involuntarySwitches >= 0;
        }
    }

    private TaskStats() {}

    /** Whether this kernel reports per-thread CPU time in schedstat (CONFIG_SCHED_INFO). */
    static boolean schedstatAvailable(long pid) {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "schedstat"));
    }

    /** The sums over the threads of {@code pid} now; every figure -1 when the process is gone. */
    static Sum read(long pid) {
        long cpu = -1;
        long voluntary = -1;
        long involuntary = -1;
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                long ns = schedstatNs(thread);
                if (ns >= 0) cpu = Math.max(cpu, 0) + ns;
                long[] switches = switches(thread);
                if (switches != null) {
                    voluntary = Math.max(voluntary, 0) + switches[0];
                    involuntary = Math.max(involuntary, 0) + switches[1];
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Sum(-1, -1, -1); // the process has ended: no figure rather than a part of one
        }
        return new Sum(cpu, voluntary, involuntary);
    }

    private static long schedstatNs(Path thread) {
        try {
            String text = ProcFiles.read(thread.resolve("schedstat")).strip();
            int space = text.indexOf(' ');
            return Long.parseLong(space < 0 ? text : text.substring(0, space));
        } catch (IOException | RuntimeException e) {
            return -1; // the thread ended while the directory was read
        }
    }

    private static long[] switches(Path thread) {
        try {
            String text = ProcFiles.read(thread.resolve("status"));
            long voluntary = field(text, "voluntary_ctxt_switches:");
            long involuntary = field(text, "nonvoluntary_ctxt_switches:");
            return voluntary < 0 || involuntary < 0 ? null : new long[] {voluntary, involuntary};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The number after {@code name} at the start of a line of a status file, or -1. */
    static long field(String text, String name) {
        int at = text.startsWith(name) ? 0 : text.indexOf("\n" + name);
        if (at < 0) return -1;
        if (at > 0) at++;
        int end = text.indexOf('\n', at);
        try {
            return Long.parseLong(text.substring(at + name.length(), end < 0 ? text.length() : end).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
