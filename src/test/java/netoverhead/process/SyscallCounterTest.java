package netoverhead.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** perf's system call count covers the threads a child starts after perf attached, and those that ended. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SyscallCounterTest {
    private static final int THREADS = 4;
    private static final int CALLS = 5000;

    /**
     * A Java child that, told "go", starts its threads, each making CALLS fstat(2) calls (FileChannel.size()
     * is one each), joins them, says "done", and waits for its stdin to close.
     */
    private static final String SPAWNER = """
            import java.io.*;
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            public class Spawner {
                public static void main(String[] args) throws Exception {
                    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
                    System.out.println("ready");
                    in.readLine();
                    Path file = Path.of(args[0]);
                    int calls = Integer.parseInt(args[2]);
                    Thread[] threads = new Thread[Integer.parseInt(args[1])];
                    for (int i = 0; i < threads.length; i++) {
                        threads[i] = Thread.ofPlatform().start(() -> {
                            try (FileChannel ch = FileChannel.open(file)) {
                                for (int j = 0; j < calls; j++) ch.size();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                    for (Thread t : threads) t.join();
                    System.out.println("done");
                    in.readLine();
                }
            }
            """;

    @Test
    void threadsStartedAfterPerfAttachedAreCounted(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("Spawner.java");
        Files.writeString(source, SPAWNER);
        String java = ProcessHandle.current().info().command().orElse("java");
        try (Child child = new Child(List.of(java, "-XX:TieredStopAtLevel=1", source.toString(),
                source.toString(), Integer.toString(THREADS), Integer.toString(CALLS)));
             ProcessMeter meter = ProcessMeter.attach(child.pid(), true)) {
            assumeTrue(meter.syscallsUnavailable() == null, meter.syscallsUnavailable());
            assertThat(child.hear()).isEqualTo("ready");
            meter.openWindow();
            child.say("go");
            assertThat(child.hear()).isEqualTo("done");
            ProcessMeter.Window w = meter.closeWindow();
            assertThat(w.syscalls()).isGreaterThanOrEqualTo((long) THREADS * CALLS);
            assertThat(w.syscallsUnavailable()).isNull();
            assertThat(w.contextSwitches()).isPositive();
            assertThat(w.cpuNs()).isPositive();
        }
    }

    @Test
    void perfCountsAreReadFromItsCsvAndANotCountedEventIsNoFigure() {
        SyscallCounter.Counts counts = SyscallCounter.parse("""
                # started on Sun Dec  6 05:26:59 2026

                40053,,raw_syscalls:sys_enter,8583667,100.00,,
                <not counted>,,context-switches,0,100.00,,
                """);
        assertThat(counts.syscalls()).isEqualTo(40053L);
        assertThat(counts.contextSwitches()).isNull();
    }

    @Test
    void perfsReasonIsTheLineThatNamesTheProblem() {
        assertThat(SyscallCounter.reason(List.of(
                "event syntax error: 'raw_syscalls:nosuch,context-switches'",
                "                     \\___ unknown tracepoint", "",
                "Error:\tFile /sys/kernel/tracing/events/raw_syscalls/nosuch not found.",
                "Hint:\tPerhaps this kernel misses some CONFIG_ setting to enable this feature?.")))
                .isEqualTo("File /sys/kernel/tracing/events/raw_syscalls/nosuch not found.");
        assertThat(SyscallCounter.reason(List.of("Error:", "No permission to enable raw_syscalls:sys_enter event.", "")))
                .isEqualTo("No permission to enable raw_syscalls:sys_enter event.");
        assertThat(SyscallCounter.reason(List.of("", "  "))).isNull();
    }
}
