package netoverhead.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meter on real child processes: CPU from a cgroup or /proc, context switches, cleanup, bad pids. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessMeterTest {
    /** Burns a fixed number of shell loop rounds (user CPU, no system calls) between "go" and "done". */
    static final String BURN = "read x; i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo done; read y";
    /** Waits in read(2) through the window and spends no CPU of note. */
    static final String IDLE = "read x; echo done; read y";
    static final List<CpuCgroup.Kind> ALL = List.of(CpuCgroup.Kind.values());

    static void assumeCgroupV2() {
        assumeTrue(CpuCgroup.mountPoint(CpuCgroup.Kind.V2) != null, "no cgroup v2 hierarchy mounted");
        assumeTrue(Files.isWritable(CpuCgroup.mountPoint(CpuCgroup.Kind.V2)), "cgroup v2 is not writable here");
    }

    /** One window around "go" ... "done" of a shell child. */
    static ProcessMeter.Window measure(String script, List<CpuCgroup.Kind> cgroups, boolean useSchedstat)
            throws Exception {
        Child child = Child.sh(script);
        ProcessMeter meter = null;
        try {
            meter = ProcessMeter.attach(child.pid(), false, cgroups, useSchedstat);
            meter.openWindow();
            child.say("go");
            assertThat(child.hear()).isEqualTo("done");
            return meter.closeWindow();
        } finally {
            child.close(); // ended first, so that close() removes its cgroup at once
            if (meter != null) meter.close();
            assertThat(cgroupsOf(child.pid())).isEmpty();
        }
    }

    /**
     * The cgroups this JVM made for the child {@code pid} and has not removed (other tests of this JVM meter
     * children of their own at the same time, so only this child's are this test's).
     */
    static List<Path> cgroupsOf(long pid) throws IOException {
        String name = "netoverhead-" + ProcessHandle.current().pid() + "-" + pid;
        return ownCgroups().stream().filter(p -> p.getFileName().toString().equals(name)).toList();
    }

    /** The cgroups this JVM made and has not removed. */
    static List<Path> ownCgroups() throws IOException {
        List<Path> own = new ArrayList<>();
        for (CpuCgroup.Kind kind : ALL) {
            Path mount = CpuCgroup.mountPoint(kind);
            if (mount == null) continue;
            Path parent = CpuCgroup.parentDir(mount, kind, ProcessHandle.current().pid());
            try (Stream<Path> entries = Files.list(parent)) {
                entries.filter(p -> p.getFileName().toString()
                        .startsWith("netoverhead-" + ProcessHandle.current().pid() + "-")).forEach(own::add);
            }
        }
        return own;
    }

    @Test
    void aBurningChildShowsUserCpuFromItsOwnCgroup() throws Exception {
        assumeCgroupV2();
        ProcessMeter.Window w = measure(BURN, ALL, true);
        assertThat(w.cpuSource()).isEqualTo("cgroup v2");
        assertThat(w.cpuUserNs()).isPositive();
        assertThat(w.cpuSysNs()).isNotNull().isNotNegative();
        assertThat(w.cpuNs()).isEqualTo(w.cpuUserNs() + w.cpuSysNs());
        assertThat(w.voluntarySwitches()).isNotNull();
        assertThat(w.switchesSource()).isEqualTo("/proc status");
        assertThat(w.syscalls()).isNull();
        assertThat(w.syscallsUnavailable()).isEqualTo("system calls not counted (not asked for)");
    }

    @Test
    void aSleepingChildSpendsLessCpuThanABurningOne() throws Exception {
        assumeCgroupV2();
        ProcessMeter.Window idle = measure(IDLE, ALL, true);
        ProcessMeter.Window burn = measure(BURN, ALL, true);
        assertThat(idle.cpuSource()).isEqualTo("cgroup v2");
        assertThat(idle.cpuNs()).isLessThan(burn.cpuNs());
    }

    @Test
    void withoutACgroupCpuComesFromEveryThreadsSchedstat() throws Exception {
        ProcessMeter.Window w = measure(BURN, List.of(), true);
        assertThat(w.cpuSource()).isEqualTo("schedstat (user/system split from clock ticks)");
        assertThat(w.cpuNs()).isPositive();
        if (w.cpuUserNs() != null) assertThat(w.cpuUserNs() + w.cpuSysNs()).isEqualTo(w.cpuNs());
    }

    @Test
    void onlyCgroupV1CpuacctMeasuresInNanoseconds() throws Exception {
        Path mount = CpuCgroup.mountPoint(CpuCgroup.Kind.V1_CPUACCT);
        assumeTrue(mount != null && Files.isWritable(mount), "no writable cgroup v1 cpuacct hierarchy");
        ProcessMeter.Window w = measure(BURN, List.of(CpuCgroup.Kind.V1_CPUACCT), true);
        assertThat(w.cpuSource()).isEqualTo("cgroup v1 cpuacct");
        assertThat(w.cpuUserNs()).isPositive();
        assertThat(w.cpuNs()).isEqualTo(w.cpuUserNs() + w.cpuSysNs());
    }

    @Test
    void withNeitherCgroupsNorSchedstatCpuComesInClockTicks() throws Exception {
        ProcessMeter.Window w = measure(BURN, List.of(), false);
        assertThat(w.cpuSource()).isEqualTo("clock ticks");
        assertThat(w.cpuUserNs()).isNotNull().isNotNegative();
        assertThat(w.cpuNs()).isEqualTo(w.cpuUserNs() + w.cpuSysNs());
        assertThat(w.cpuNs() % (1_000_000_000L / 100)).isZero(); // whole ticks of 10 ms
    }

    @Test
    void aWaitingChildSwitchesVoluntarilyAndCountsItsSystemCalls() throws Exception {
        int rounds = 20;
        try (Child child = Child.sh("while read l; do echo \"$l\"; done");
             ProcessMeter meter = ProcessMeter.attach(child.pid(), true)) {
            meter.openWindow();
            for (int i = 0; i < rounds; i++) {
                child.say("r" + i);
                assertThat(child.hear()).isEqualTo("r" + i);
            }
            ProcessMeter.Window w = meter.closeWindow();
            assertThat(w.voluntarySwitches()).isPositive();
            assumeTrue(meter.syscallsUnavailable() == null, meter.syscallsUnavailable());
            // each round reads the line and writes it back: at least two system calls
            assertThat(w.syscalls()).isGreaterThanOrEqualTo(2L * rounds);
            assertThat(w.switchesSource()).isEqualTo("perf");
            assertThat(w.contextSwitches()).isPositive();
        }
    }

    @Test
    void closeRemovesTheCgroupAndEndsPerf() throws Exception {
        assumeCgroupV2();
        Path cgroup;
        long perfPid;
        try (Child child = Child.sh(IDLE)) {
            ProcessMeter meter = ProcessMeter.attach(child.pid(), true);
            try {
                cgroup = meter.cgroupDir();
                perfPid = meter.perfPid();
                assertThat(cgroup).isDirectory();
                assertThat(Files.readString(cgroup.resolve("cgroup.procs")).strip()).isEqualTo(Long.toString(child.pid()));
                meter.openWindow();
                child.say("go");
                assertThat(child.hear()).isEqualTo("done");
                meter.closeWindow();
                child.endByItself(); // it has ended, so that its cgroup can go
            } finally {
                meter.close();
                meter.close(); // idempotent
            }
        }
        assertThat(cgroup).doesNotExist();
        if (perfPid > 0) assertThat(ProcessHandle.of(perfPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void closeBeforeTheChildEndsEndsPerfAndRemovesTheCgroupWhenTheChildEnds() throws Exception {
        Path cgroup;
        try (Child child = Child.sh(IDLE)) {
            ProcessMeter meter = ProcessMeter.attach(child.pid(), true);
            long perfPid = meter.perfPid();
            cgroup = meter.cgroupDir();
            assumeTrue(perfPid > 0, meter.syscallsUnavailable());
            assertThat(ProcessHandle.of(perfPid)).isPresent();
            meter.close();
            assertThat(ProcessHandle.of(perfPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            if (cgroup != null) assertThat(cgroup).isDirectory(); // the child is still inside
        }
        if (cgroup == null) return;
        for (int i = 0; i < 500 && Files.exists(cgroup); i++) Thread.sleep(20);
        assertThat(cgroup).doesNotExist();
    }

    @Test
    void aPidThatDoesNotRunIsAOneLineFailure() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(30, TimeUnit.SECONDS);
        long pid = ended.pid();
        assertThatThrownBy(() -> ProcessMeter.attach(pid, true))
                .isInstanceOf(IOException.class).hasMessage("process " + pid + " is not running");
    }

    @Test
    void attachRemovesEmptyCgroupsLeftByARunThatNoLongerRuns() throws Exception {
        assumeCgroupV2();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(30, TimeUnit.SECONDS);
        try (Child child = Child.sh(IDLE)) {
            Path parent = CpuCgroup.parentDir(CpuCgroup.mountPoint(CpuCgroup.Kind.V2), CpuCgroup.Kind.V2, child.pid());
            Path leftover = parent.resolve("netoverhead-" + ended.pid() + "-1");
            Path ours = parent.resolve("netoverhead-" + ProcessHandle.current().pid() + "-1");
            Files.createDirectory(leftover);
            Files.createDirectory(ours);
            try (ProcessMeter meter = ProcessMeter.attach(child.pid(), false)) {
                assertThat(leftover).doesNotExist();
                assertThat(ours).isDirectory(); // its maker still runs
            } finally {
                Files.deleteIfExists(leftover);
                Files.deleteIfExists(ours);
            }
        }
    }

    @Test
    void ticksSplitTheSchedstatTotalInTheirRatio() {
        assertThat(ProcessMeter.splitByTicks(1000, new long[] {10, 10}, new long[] {40, 20})).containsExactly(750, 250);
        assertThat(ProcessMeter.splitByTicks(1000, new long[] {40, 20}, new long[] {40, 20})).containsExactly(667, 333);
        assertThat(ProcessMeter.splitByTicks(1000, new long[] {0, 0}, new long[] {0, 0})).isNull();
    }
}
