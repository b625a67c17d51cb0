package netoverhead.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import netoverhead.os.ProcFiles;

/**
 * A cgroup of one child process's own, made to read its CPU time in microseconds or nanoseconds instead of
 * clock ticks: cgroup v2's cpu.stat (user_usec, system_usec; present whether or not the cpu controller is
 * enabled) or, on a hierarchy without v2, cgroup v1's cpuacct (cpuacct.usage_user, cpuacct.usage_sys in ns).
 * Writing the pid to cgroup.procs moves every thread of the process; threads and processes it starts later
 * are born inside. A cgroup keeps counting the CPU of threads that have ended, which per-thread files cannot.
 *
 * <p>The cgroup is made beside the child's current one, named netoverhead-&lt;our pid&gt;-&lt;child pid&gt;, and
 * removed when done. Hierarchies are found in /proc/self/mountinfo, never assumed at a path.
 */
final class CpuCgroup {
    private static final Pattern OWN_NAME = Pattern.compile("netoverhead-(\\d+)-(\\d+)");
    private static final int REMOVE_ATTEMPTS = 25;
    private static final long REMOVE_PAUSE_MILLIS = 20;

    /** A cgroup hierarchy that can count CPU: where it is mounted and how its files are read. */
    enum Kind {
        V2("cgroup v2"),
        V1_CPUACCT("cgroup v1 cpuacct");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Kind kind;
    private final Path dir;

    private CpuCgroup(Kind kind, Path dir) {
        this.kind = kind;
        this.dir = dir;
    }

    Kind kind() {
        return kind;
    }

    Path dir() {
        return dir;
    }

    /**
     * Moves {@code pid} into a new cgroup of the first of {@code kinds} whose hierarchy allows it, or
     * returns null with the reasons in {@code why}, where this user may not make cgroups or none is mounted.
     * Leftover empty cgroups of this tool whose parent process no longer runs are removed on the way.
     */
    static CpuCgroup create(long pid, List<String> why, List<Kind> kinds) {
        for (Kind kind : kinds) {
            Path mount = mountPoint(kind);
            if (mount == null) {
                why.add("no " + kind.label + " hierarchy is mounted");
                continue;
            }
            Path parent = parentDir(mount, kind, pid);
            removeLeftovers(parent, false);
            Path dir = parent.resolve("netoverhead-" + ProcessHandle.current().pid() + "-" + pid);
            try {
                Files.createDirectory(dir);
            } catch (IOException | RuntimeException e) {
                why.add("cannot make a " + kind.label + " cgroup in " + parent + ": " + e.getMessage());
                continue;
            }
            try {
                Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
                CpuCgroup cgroup = new CpuCgroup(kind, dir);
                if (cgroup.readNanos() != null) return cgroup;
                why.add(kind.label + " cgroup " + dir + " has no CPU figures");
            } catch (IOException | RuntimeException e) {
                why.add("cannot move process " + pid + " into " + dir + ": " + e.getMessage());
            }
            removeDir(dir, 1);
        }
        return null;
    }

    /**
     * User, system and total CPU time of everything in the cgroup since it was made, in ns; null when
     * unreadable. v2's user and system add up to its total. v1's cpuacct.usage_user and usage_sys are
     * accounted apart from cpuacct.usage (the total the scheduler ran) and need not add up to it: the
     * caller splits v1's total in their ratio.
     */
    long[] readNanos() {
        try {
            if (kind == Kind.V2) {
                String stat = ProcFiles.read(dir.resolve("cpu.stat"));
                long user = TaskStats.field(stat, "user_usec");
                long system = TaskStats.field(stat, "system_usec");
                long total = TaskStats.field(stat, "usage_usec");
                return user < 0 || system < 0 || total < 0 ? null
                        : new long[] {user * 1000, system * 1000, total * 1000};
            }
            return new long[] {number("cpuacct.usage_user"), number("cpuacct.usage_sys"), number("cpuacct.usage")};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private long number(String file) throws IOException {
        return Long.parseLong(ProcFiles.read(dir.resolve(file)).strip());
    }

    /**
     * Removes the cgroup, trying briefly while a process that just ended is still counted in it. A cgroup
     * whose process still runs is left: the kernel refuses, and the process is not ours to move.
     */
    void remove() {
        removeDir(dir, REMOVE_ATTEMPTS);
    }

    private static void removeDir(Path dir, int attempts) {
        for (int i = 0; i < attempts; i++) {
            try {
                Files.deleteIfExists(dir); // rmdir(2): a cgroup's files go with it
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(REMOVE_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Removes netoverhead-* cgroups in {@code parent} whose making process no longer runs and that are empty. */
    static void removeLeftovers(Path parent, boolean ownToo) {
        long own = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "netoverhead-*")) {
            for (Path entry : entries) {
                Matcher m = OWN_NAME.matcher(entry.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(entry)) continue;
                long maker = Long.parseLong(m.group(1));
                if (!(ownToo && maker == own) && running(maker)) continue;
                try {
                    Files.deleteIfExists(entry); // refused while a process is inside: then it stays
                } catch (IOException stillUsed) {
                    // not empty: left as it is
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to clean where the directory cannot be listed
        }
    }

    /**
     * Whether the process runs: a zombie (ended, not yet reaped by its parent, as a killed run is until the
     * test or shell that started it waits for it) has left its cgroups for good.
     */
    private static boolean running(long pid) {
        try {
            String stat = ProcFiles.read(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc entry: gone
        }
    }

    /** Where a hierarchy of this kind is mounted, from /proc/self/mountinfo, or null. */
    static Path mountPoint(Kind kind) {
        String text;
        try {
            text = ProcFiles.read(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            return null;
        }
        for (String line : text.split("\n")) {
            // id parent major:minor root mount-point options [optional...] - type source super-options
            int dash = line.indexOf(" - ");
            if (dash < 0) continue;
            String[] before = line.substring(0, dash).split(" ");
            String[] after = line.substring(dash + 3).split(" ");
            if (before.length < 5 || after.length < 3) continue;
            boolean match = kind == Kind.V2 ? after[0].equals("cgroup2")
                    : after[0].equals("cgroup") && List.of(after[2].split(",")).contains("cpuacct");
            if (match) return Path.of(unescape(before[4]));
        }
        return null;
    }

    /**
     * The directory of the cgroup {@code pid} is in now, in this hierarchy, or the mount point where that
     * path is not visible here (another cgroup namespace).
     */
    static Path parentDir(Path mount, Kind kind, long pid) {
        try {
            for (String line : ProcFiles.read(Path.of("/proc", Long.toString(pid), "cgroup")).split("\n")) {
                String[] f = line.split(":", 3);
                if (f.length < 3) continue;
                boolean match = kind == Kind.V2 ? f[0].equals("0") && f[1].isEmpty()
                        : List.of(f[1].split(",")).contains("cpuacct");
                if (!match) continue;
                Path dir = mount.resolve(f[2].substring(1));
                return Files.isDirectory(dir) ? dir : mount;
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone: the mount point is as good a place as any for the attempt that fails
        }
        return mount;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes such as \040. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) return field;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
