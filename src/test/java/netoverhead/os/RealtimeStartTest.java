package netoverhead.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The real-time class, as the kernel reports it in /proc: entered, inherited by a new thread, left. */
class RealtimeStartTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;

    /** The scheduling policy of the calling thread: field 41 of /proc/thread-self/stat. */
    static int policy() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterName[41 - 3]);
    }

    @Test
    void aThreadEntersTheClassPassesItToTheThreadsItStartsAndLeavesIt() throws Exception {
        assumeTrue(RealtimeStart.check() == null, "needs root or CAP_SYS_NICE: " + RealtimeStart.check());
        AtomicInteger inside = new AtomicInteger(-1);
        AtomicInteger started = new AtomicInteger(-1);
        AtomicInteger childLeft = new AtomicInteger(-1);
        AtomicInteger after = new AtomicInteger(-1);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                assertThat(RealtimeStart.enter()).isNull();
                inside.set(policy());
                Thread child = Thread.ofPlatform().start(() -> {
                    try {
                        started.set(policy());
                        RealtimeStart.leave();
                        childLeft.set(policy());
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                child.join();
                assertThat(RealtimeStart.leave()).isNull();
                after.set(policy());
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        t.join();
        assertThat(inside.get()).isEqualTo(SCHED_FIFO);
        assertThat(started.get()).as("a thread started in the class").isEqualTo(SCHED_FIFO);
        assertThat(childLeft.get()).isEqualTo(SCHED_OTHER);
        assertThat(after.get()).isEqualTo(SCHED_OTHER);
        assertThat(policy()).as("the test's own thread never moved").isEqualTo(SCHED_OTHER);
    }
}
