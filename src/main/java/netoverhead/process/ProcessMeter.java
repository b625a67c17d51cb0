package netoverhead.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a child process from outside over one window that the caller opens and closes: its CPU time
 * (user and system), its context switches and its system calls, finer than /proc's clock ticks.
 *
 * <p>CPU comes from the first source that works here ({@link Window#cpuSource()}):
 * <ol>
 * <li>{@code "cgroup v2"} or {@code "cgroup v1 cpuacct"}: the child is moved into a cgroup of its own
 * ({@link CpuCgroup}); every thread it has or starts is counted, also those that end within the window.
 * v1's total (cpuacct.usage) is split into user and system in the ratio of its usage_user to usage_sys;</li>
 * <li>{@code "schedstat (user/system split from clock ticks)"}: where cgroups cannot be made (not root, a
 * read-only hierarchy), the nanoseconds of /proc/&lt;pid&gt;/task/*&#47;schedstat summed over the threads at
 * each end of the window. A thread that ends within the window is lost with its time. The total is split
 * into user and system by the window's ratio of utime to stime ticks in /proc/&lt;pid&gt;/stat;</li>
 * <li>{@code "clock ticks"}: /proc/&lt;pid&gt;/stat's utime and stime, in ticks of 10 ms.</li>
 * </ol>
 *
 * <p>Context switches: voluntary and involuntary, summed over the threads of /proc/&lt;pid&gt;/task/*&#47;status at
 * each end of the window (threads that end within it are lost). Where perf counts, its context-switches
 * count, which includes ended threads, is the total ({@link Window#contextSwitches()}).
 *
 * <p>System calls: perf stat on the raw_syscalls:sys_enter tracepoint ({@link SyscallCounter}). Where
 * perf is missing, not permitted or the tracepoint absent, {@link Window#syscalls()} is null and
 * {@link #syscallsUnavailable()} says why in one line; it is never a zero.
 *
 * <p>One window per meter, used from one thread. {@link #close()} stops perf and removes the cgroup; call
 * it on every path.
 */
public final class ProcessMeter implements AutoCloseable {
    static final String SCHEDSTAT = "schedstat (user/system split from clock ticks)";
    static final String CLOCK_TICKS = "clock ticks";

    /**
     * What one window measured. A figure is null where it could not be read (the process had ended, or
     * the source gives none).
     *
     * @param cpuUserNs            user CPU time in nanoseconds
     * @param cpuSysNs             system CPU time in nanoseconds
     * @param cpuNs                user plus system; known where the split is not (schedstat with no ticks)
     * @param cpuSource            where the CPU time came from, see {@link ProcessMeter}
     * @param voluntarySwitches    the threads' voluntary context switches (waits), from /proc
     * @param involuntarySwitches  the threads' involuntary context switches (preemptions), from /proc
     * @param contextSwitches      all context switches: perf's count where perf counted, else the sum of the two
     * @param switchesSource       "perf" or "/proc status"
     * @param syscalls             system calls entered by every thread, or null
     * @param syscallsUnavailable  why syscalls is null, in one line; null when it is counted
     */
    public record Window(Long cpuUserNs, Long cpuSysNs, Long cpuNs, String cpuSource, Long voluntarySwitches,
                         Long involuntarySwitches, Long contextSwitches, String switchesSource, Long syscalls,
                         String syscallsUnavailable) {
        /** Nothing measured: the process could not be metered. */
        public static final Window NONE = new Window(null, null, null, null, null, null, null, null, null,
                "the client could not be metered");
    }

    private final long pid;
    private final CpuCgroup cgroup;
    private final String cpuSource;
    private final String cgroupUnavailable;
    private final ProcFs proc;
    private SyscallCounter syscallCounter;
    private String syscallsUnavailable;
    private long[] openCpu;
    private long[] openTicks;
    private TaskStats.Sum openTasks;
    private boolean open;
    private boolean windowDone;
    private boolean closed;

    private ProcessMeter(long pid, CpuCgroup cgroup, String cpuSource, String cgroupUnavailable) {
        this.pid = pid;
        this.cgroup = cgroup;
        this.cpuSource = cpuSource;
        this.cgroupUnavailable = cgroupUnavailable;
        this.proc = new ProcFs(pid);
    }

    /**
     * Starts measuring {@code pid}: call it right after the child started, before the threads that matter
     * exist. With {@code countSyscalls}, perf is attached (counters off until {@link #openWindow()}).
     *
     * @throws IOException when the process does not run (one line: "process N is not running")
     */
    public static ProcessMeter attach(long pid, boolean countSyscalls) throws IOException, InterruptedException {
        return attach(pid, countSyscalls, List.of(CpuCgroup.Kind.values()), true);
    }

    /**
     * Removes the empty cgroups that runs of this tool left when they were killed (SIGKILL leaves no time to
     * remove them; their children end with them), where this process would make its own. The next meter's
     * {@link #attach} does the same.
     */
    public static void removeLeftovers() {
        removeLeftovers(false);
    }

    /**
     * As {@link #removeLeftovers()}, and with {@code ownToo} also this process's own empty cgroups: for the end of
     * a process that metered children (a child's cgroup that could not be removed the moment it ended).
     */
    public static void removeLeftovers(boolean ownToo) {
        for (CpuCgroup.Kind kind : CpuCgroup.Kind.values()) {
            Path mount = CpuCgroup.mountPoint(kind);
            if (mount == null) continue;
            CpuCgroup.removeLeftovers(CpuCgroup.parentDir(mount, kind, ProcessHandle.current().pid()), ownToo);
        }
    }

    /**
     * As {@link #attach(long, boolean)}, trying only these cgroup hierarchies and, with {@code useSchedstat}
     * false, going from them straight to clock ticks: how a machine without them is measured.
     */
    static ProcessMeter attach(long pid, boolean countSyscalls, List<CpuCgroup.Kind> cgroups, boolean useSchedstat)
            throws IOException, InterruptedException {
        if (pid <= 0 || !Files.isDirectory(Path.of("/proc", Long.toString(pid), "task"))) {
            throw new IOException("process " + pid + " is not running");
        }
        List<String> why = new ArrayList<>();
        CpuCgroup cgroup = CpuCgroup.create(pid, why, cgroups);
        String source = cgroup != null ? cgroup.kind().label
                : useSchedstat && TaskStats.schedstatAvailable(pid) ? SCHEDSTAT : CLOCK_TICKS;
        ProcessMeter meter = new ProcessMeter(pid, cgroup, source, cgroup != null ? null
                : why.isEmpty() ? "no cgroup hierarchy was tried" : String.join("; ", why));
        if (countSyscalls) {
            try {
                meter.syscallCounter = SyscallCounter.attach(pid);
            } catch (SyscallCounter.Unavailable e) {
                meter.syscallsUnavailable = e.getMessage();
            } catch (InterruptedException | RuntimeException e) {
                meter.close();
                throw e;
            }
        } else {
            meter.syscallsUnavailable = "system calls not counted (not asked for)";
        }
        if (!Files.isDirectory(Path.of("/proc", Long.toString(pid), "task"))) {
            meter.close();
            throw new IOException("process " + pid + " is not running");
        }
        return meter;
    }

    /** Why system calls are not counted, in one line, or null when they are; known from attach on. */
    public String syscallsUnavailable() {
        return syscallsUnavailable;
    }

    /** Where CPU time comes from for this process, see {@link ProcessMeter}. */
    public String cpuSource() {
        return cpuSource;
    }

    /** Why CPU is not read from a cgroup (each hierarchy tried, and what it answered), or null when it is. */
    public String cgroupUnavailable() {
        return cgroupUnavailable;
    }

    /** The pid of the perf process counting system calls, or -1 when none runs. */
    public long perfPid() {
        return syscallCounter == null ? -1 : syscallCounter.pid();
    }

    /** The directory of the child's cgroup, or null when CPU is read from /proc. */
    public Path cgroupDir() {
        return cgroup == null ? null : cgroup.dir();
    }

    /** Opens the window: at the child's START. */
    public void openWindow() throws IOException, InterruptedException {
        if (open || windowDone) throw new IllegalStateException("a meter measures one window");
        open = true;
        if (syscallCounter != null && !syscallCounter.enable()) {
            syscallsUnavailable = "perf ended before the window opened: the process had exited";
            stopPerf();
        }
        openTasks = TaskStats.read(pid);
        openTicks = proc.cpuNanos();
        openCpu = cgroup != null ? cgroup.readNanos() : null;
    }

    /** Closes the window, at the child's END, and returns what it measured. */
    public Window closeWindow() throws IOException, InterruptedException {
        if (!open) throw new IllegalStateException("the window is not open");
        open = false;
        windowDone = true;
        long[] closeCpu = cgroup != null ? cgroup.readNanos() : null;
        long[] closeTicks = proc.cpuNanos();
        TaskStats.Sum closeTasks = TaskStats.read(pid);
        if (syscallCounter != null) syscallCounter.disable(); // false: perf ended with the process, counting to its end
        Long syscalls = null;
        Long perfSwitches = null;
        if (syscallCounter != null) {
            try {
                SyscallCounter.Counts counts = syscallCounter.finish();
                syscalls = counts.syscalls();
                perfSwitches = counts.contextSwitches();
                if (syscalls == null) syscallsUnavailable = "perf did not count " + SyscallCounter.EVENT;
            } catch (IOException e) {
                syscallsUnavailable = e.getMessage();
            } finally {
                stopPerf();
            }
        }
        Long user = null;
        Long system = null;
        Long total = null;
        if (cgroup != null) {
            if (openCpu != null && closeCpu != null) {
                long[] split;
                if (cgroup.kind() == CpuCgroup.Kind.V2) {
                    split = new long[] {closeCpu[0] - openCpu[0], closeCpu[1] - openCpu[1]};
                } else {
                    total = closeCpu[2] - openCpu[2];
                    split = splitByTicks(total, openCpu, closeCpu);
                }
                if (split != null) {
                    user = split[0];
                    system = split[1];
                }
            }
        } else if (cpuSource.equals(SCHEDSTAT)) {
            if (openTasks.hasCpu() && closeTasks.hasCpu()) {
                total = Math.max(0, closeTasks.cpuNs() - openTasks.cpuNs());
                long[] split = splitByTicks(total, openTicks, closeTicks);
                if (split != null) {
                    user = split[0];
                    system = split[1];
                }
            }
        } else if (openTicks != null && closeTicks != null) {
            user = closeTicks[0] - openTicks[0];
            system = closeTicks[1] - openTicks[1];
        }
        if (total == null && user != null) total = user + system;
        Long voluntary = null;
        Long involuntary = null;
        if (openTasks.hasSwitches() && closeTasks.hasSwitches()) {
            voluntary = Math.max(0, closeTasks.voluntarySwitches() - openTasks.voluntarySwitches());
            involuntary = Math.max(0, closeTasks.involuntarySwitches() - openTasks.involuntarySwitches());
        }
        Long switches = perfSwitches != null ? perfSwitches : voluntary == null ? null : voluntary + involuntary;
        String switchesSource = perfSwitches != null ? "perf" : "/proc status";
        return new Window(user, system, total, cpuSource, voluntary, involuntary, switches, switchesSource,
                syscalls, syscalls == null ? syscallsUnavailable : null);
    }

    /**
     * Splits {@code total} in the ratio of the window's user to system time ({@code close - open}, in
     * ticks or ns; the first two elements), or of the totals where the window saw none; null where there
     * is none at all.
     */
    static long[] splitByTicks(long total, long[] open, long[] close) {
        if (close == null) return null;
        long user = close[0] - (open == null ? 0 : open[0]);
        long system = close[1] - (open == null ? 0 : open[1]);
        if (user + system <= 0) {
            user = close[0];
            system = close[1];
        }
        if (user + system <= 0) return null;
        long userNs = Math.round((double) total * user / (user + system));
        return new long[] {userNs, total - userNs};
    }

    private void stopPerf() {
        if (syscallCounter != null) syscallCounter.close();
    }

    /**
     * Stops perf (by its pid) if it runs, and removes the cgroup, retrying briefly while the ended child is
     * still counted in it. Where the child still runs, the cgroup is removed when it ends, if this JVM is
     * still there; a cgroup that a process of the child's stays in is left, and a later attach removes it.
     * Idempotent; call it on failure paths too.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        stopPerf();
        proc.close();
        if (cgroup == null) return;
        var child = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (child.isPresent()) child.get().onExit().thenRun(cgroup::remove);
        else cgroup.remove();
    }
}
