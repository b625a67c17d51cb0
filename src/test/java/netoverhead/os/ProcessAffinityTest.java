package netoverhead.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import netoverhead.process.Binaries;

/** Moving this very process's threads with the real taskset, and giving them their CPUs back. */
class ProcessAffinityTest {
    @Test
    void movesEveryThreadOffTheCpusUntilClosedThreadsStartedMeanwhileToo() throws Exception {
        CpuList allowed = CpuList.allowed();
        assumeTrue(allowed.cpus().size() >= 2, "needs two CPUs this process may use");
        CpuList away = CpuList.parse(Integer.toString(allowed.cpus().last()));
        CpuList rest = allowed.minus(away).orElseThrow();
        List<String> said = new ArrayList<>();
        AtomicReference<CpuList> startedInside = new AtomicReference<>();
        try (ProcessAffinity moved = ProcessAffinity.keepOff(away, taskset(), said::add)) {
            assertThat(ProcessAffinity.everyThreadOn(rest)).isTrue();
            Thread later = Thread.ofPlatform().start(() -> {
                try {
                    startedInside.set(CpuList.allowedOf(Path.of("/proc/thread-self/status")));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            later.join(10_000);
        }
        assertThat(startedInside.get()).isEqualTo(rest);
        assertThat(ProcessAffinity.everyThreadOn(allowed)).isTrue();
        assertThat(said).isEmpty();
    }

    @Test
    void refusesToLeaveEveryCpuAndMovesNothing() throws Exception {
        CpuList allowed = CpuList.allowed();
        assertThatThrownBy(() -> ProcessAffinity.keepOff(allowed, taskset(), message -> { }))
                .isInstanceOf(ProcessAffinity.NowhereElse.class)
                .hasMessage("CPUs " + allowed + " are all this process may use, so the harness shares them with the "
                        + "clients");
        assertThat(ProcessAffinity.everyThreadOn(allowed)).isTrue();
    }

    private static Path taskset() throws java.io.IOException {
        return Binaries.require("taskset", "util-linux");
    }
}
