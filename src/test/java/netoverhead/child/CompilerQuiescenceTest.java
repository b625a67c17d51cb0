package netoverhead.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The wait for the JIT: it finds this JVM's real compiler threads in /proc, waits for a quiet spell, and
 * gives up at its limit when the compilers never stop (a counter that always moves stands in for them:
 * nothing real keeps HotSpot compiling on demand).
 */
class CompilerQuiescenceTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void findsTheCompilerThreadsOfThisJvmAndTheirTimeOnTheCpu() {
        // the test JVM has compiled the test framework by now
        assertThat(CompilerQuiescence.compilerCpuNanos()).isPositive();
    }

    @Test
    void returnsOnlyAfterAQuietSpell() throws InterruptedException {
        assertThat(CompilerQuiescence.await(60 * SECOND, () -> 42)).isGreaterThanOrEqualTo(CompilerQuiescence.QUIET_NANOS);
    }

    @Test
    void waitsForTheCompilersToStopAndThenForTheQuietSpell() throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        // busy for the first 10 polls (the last 9 of them after a 2 ms sleep each), then idle
        long waited = CompilerQuiescence.await(60 * SECOND, () -> Math.min(polls.incrementAndGet(), 10));
        assertThat(polls.get()).isGreaterThan(10);
        assertThat(waited).isGreaterThanOrEqualTo(9 * 2_000_000L + CompilerQuiescence.QUIET_NANOS);
    }

    @Test
    void givesUpAtItsLimitWhenTheCompilersNeverStop() throws InterruptedException {
        AtomicLong cpu = new AtomicLong();
        long limit = 3 * CompilerQuiescence.QUIET_NANOS;
        long waited = CompilerQuiescence.await(limit, cpu::incrementAndGet);
        assertThat(waited).isGreaterThanOrEqualTo(limit);
        assertThat(cpu.get()).as("polled again after the first reading").isGreaterThan(1);
    }

    @Test
    void doesNotWaitWhereTheCompilersCannotBeSeen() throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        CompilerQuiescence.await(60 * SECOND, () -> {
            polls.incrementAndGet();
            return -1;
        });
        assertThat(polls.get()).isEqualTo(1);
    }
}
