package netoverhead.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The wait for the JIT: it finds this JVM's real compiler threads in /proc, waits for a quiet spell, and
 * gives up at its limit when the compilers never stop (readings that always move, or always say runnable,
 * stand in for them: nothing real keeps HotSpot compiling on demand).
 */
class CompilerQuiescenceTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void findsTheCompilerThreadsOfThisJvmAndTheirTimeOnTheCpu() {
        // the test JVM has compiled the test framework by now
        CompilerQuiescence.Reading reading = CompilerQuiescence.read();
        assertThat(reading).isNotNull();
        assertThat(reading.cpuNanos()).isPositive();
    }

    @Test
    void readsTheStateAfterTheThreadsNameWhateverTheNameHolds() {
        assertThat(CompilerQuiescence.state("4242 (C2 CompilerThre) R 1 4242 0")).isEqualTo('R');
        assertThat(CompilerQuiescence.state("4243 (a) (b) S 1 4242 0")).isEqualTo('S');
        assertThatThrownBy(() -> CompilerQuiescence.state("4244 (cut")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnsOnlyAfterAQuietSpell() throws InterruptedException {
        assertThat(CompilerQuiescence.await(60 * SECOND, () -> idle(42)))
                .isGreaterThanOrEqualTo(CompilerQuiescence.QUIET_NANOS);
    }

    @Test
    void waitsForTheCompilersToStopAndThenForTheQuietSpell() throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        // busy for the first 10 polls (the last 9 of them after a 2 ms sleep each), then idle
        long waited = CompilerQuiescence.await(60 * SECOND, () -> idle(Math.min(polls.incrementAndGet(), 10)));
        assertThat(polls.get()).isGreaterThan(10);
        assertThat(waited).isGreaterThanOrEqualTo(9 * 2_000_000L + CompilerQuiescence.QUIET_NANOS);
    }

    @Test
    void aRunnableCompilerIsNotQuietWhileItsTimeStandsStill() throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        // kept off the CPU for the first 10 polls: no time gained, but runnable, then asleep
        long waited = CompilerQuiescence.await(60 * SECOND,
                () -> new CompilerQuiescence.Reading(7, polls.incrementAndGet() <= 10));
        assertThat(polls.get()).isGreaterThan(10);
        assertThat(waited).isGreaterThanOrEqualTo(9 * 2_000_000L + CompilerQuiescence.QUIET_NANOS);
    }

    @Test
    void givesUpAtItsLimitWhenTheCompilersNeverStop() throws InterruptedException {
        AtomicLong cpu = new AtomicLong();
        long limit = 3 * CompilerQuiescence.QUIET_NANOS;
        long waited = CompilerQuiescence.await(limit, () -> idle(cpu.incrementAndGet()));
        assertThat(waited).isGreaterThanOrEqualTo(limit);
        assertThat(cpu.get()).as("polled again after the first reading").isGreaterThan(1);
    }

    @Test
    void doesNotWaitWhereTheCompilersCannotBeSeen() throws InterruptedException {
        AtomicLong polls = new AtomicLong();
        CompilerQuiescence.await(60 * SECOND, () -> {
            polls.incrementAndGet();
            return null;
        });
        assertThat(polls.get()).isEqualTo(1);
    }

    private static CompilerQuiescence.Reading idle(long cpuNanos) {
        return new CompilerQuiescence.Reading(cpuNanos, false);
    }
}
