package netoverhead.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A set of CPUs, written as taskset(1) and the kernel write them ("1", "0,2-3"), and the command prefix that
 * runs a program on those CPUs only. Keeping the client and the server on CPUs of their own is what iperf3's
 * --affinity does: on a small machine, where the kernel happens to wake each side's threads otherwise decides
 * more of the result than the code under test.
 */
public record CpuList(SortedSet<Integer> cpus) {
    private static final int MOST = 1 << 16;

    public CpuList {
        if (cpus.isEmpty()) throw new IllegalArgumentException("a CPU list names at least one CPU");
        cpus = Collections.unmodifiableSortedSet(new TreeSet<>(cpus));
    }

    /** Parses "N", "N-M" and comma-separated lists of both; throws IllegalArgumentException saying what is wrong. */
    public static CpuList parse(String text) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : text.strip().split(",", -1)) {
            String[] range = part.strip().split("-", -1);
            if (range.length > 2) throw notAList(text);
            int from = cpu(range[0], text);
            int to = range.length == 2 ? cpu(range[1], text) : from;
            if (to < from) throw new IllegalArgumentException("'" + text + "': the range " + part.strip() + " runs backwards");
            for (int c = from; c <= to; c++) cpus.add(c);
        }
        return new CpuList(cpus);
    }

    private static int cpu(String number, String text) {
        String n = number.strip();
        if (n.isEmpty() || n.length() > 5 || !n.chars().allMatch(Character::isDigit)) throw notAList(text);
        int cpu = Integer.parseInt(n);
        if (cpu >= MOST) throw notAList(text);
        return cpu;
    }

    private static IllegalArgumentException notAList(String text) {
        return new IllegalArgumentException("'" + text + "' is not a CPU list (e.g. 1, 0,2 or 2-3)");
    }

    /** The CPUs this process may run on, from the kernel's Cpus_allowed_list in /proc/self/status. */
    public static CpuList allowed() throws IOException {
        return allowedOf(Path.of("/proc/self/status"));
    }

    /** The CPUs a process or thread may run on, from its status file in /proc. */
    public static CpuList allowedOf(Path status) throws IOException {
        for (String line : ProcFiles.read(status).split("\n")) {
            if (line.startsWith("Cpus_allowed_list:")) return parse(line.substring(line.indexOf(':') + 1));
        }
        throw new IOException(status + " has no Cpus_allowed_list");
    }

    public boolean containsAll(CpuList other) {
        return cpus.containsAll(other.cpus);
    }

    /** These CPUs but those of {@code other}; empty when none remain. */
    public Optional<CpuList> minus(CpuList other) {
        TreeSet<Integer> rest = new TreeSet<>(cpus);
        rest.removeAll(other.cpus);
        return rest.isEmpty() ? Optional.empty() : Optional.of(new CpuList(rest));
    }

    /** {@code taskset -c LIST} ahead of a command: the program and every thread it starts run on these CPUs only. */
    public List<String> commandPrefix(Path taskset) {
        return List.of(taskset.toString(), "-c", toString());
    }

    /** The shortest form: consecutive CPUs as ranges, "0-3,6". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int cpu : cpus) {
            if (start == null) {
                start = cpu;
            } else if (cpu != previous + 1) {
                parts.add(start.equals(previous) ? start.toString() : start + "-" + previous);
                start = cpu;
            }
            previous = cpu;
        }
        parts.add(start.equals(previous) ? start.toString() : start + "-" + previous);
        return String.join(",", parts);
    }
}
