package netoverhead.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import netoverhead.harness.IterationRunner;
import netoverhead.http.IdleFrames;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.server.HttpProbe;
import netoverhead.server.IdleCounts;
import netoverhead.server.PayloadServer;
import netoverhead.testing.TestServers;

/**
 * An idle client killed in the middle of its window: its iteration fails and says so, its connections leave the
 * server's group, and the server goes on serving: the next idle iteration on it runs whole, and it still answers.
 */
@Timeout(120)
class IdleClientDeathTest {
    private static final long MS = 1_000_000L;

    @Test
    void aClientThatDiesMidRunLeavesTheServerHealthy() throws Exception {
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        try (PayloadServer server = TestServers.embedded(128)) {
            String killed = "killed-" + ProcessHandle.current().pid();
            IterationResult first = run(server, killed, pid -> killer.schedule(
                    () -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly), 1500, TimeUnit.MILLISECONDS));
            assertThat(first.failure()).as("the killed iteration").isNotNull();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.idleCounts(killed).orElseThrow().connections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            IdleCounts left = server.idleCounts(killed).orElseThrow();
            assertThat(left.connections()).as("connections of the dead client still in its group").isZero();
            assertThat(left.measuredPingsSent()).as("the window had begun when the client died").isPositive();

            String next = "after-" + ProcessHandle.current().pid();
            IterationResult second = run(server, next, pid -> { });
            assertThat(second.failure()).isNull();
            assertThat(second.jobs()).allSatisfy(job -> assertThat(job.error()).as(job.message()).isNull());
            IdleCounts counts = server.idleCounts(next).orElseThrow();
            assertThat(counts.ended()).isTrue();
            assertThat(counts.measuredEchoes()).isEqualTo(second.figures().operations().operations());
            assertThat(HttpProbe.head("127.0.0.1", server.port(), "/rr/128", 5000).answered()).isTrue();
        } finally {
            killer.shutdownNow();
        }
    }

    private static IterationResult run(PayloadServer server, String group, IterationRunner.BeforeGo beforeGo)
            throws InterruptedException {
        WorkloadPlan idle = new WorkloadPlan(WorkloadKind.IDLE, 1, 0, 300 * MS, 3000 * MS, 0);
        ClientPlan plan = new ClientPlan("127.0.0.1", server.port(), IdleFrames.helloPath(200, 300, 3000, group),
                200, 1024, 5_000, 10_000, null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, idle);
        IterationRunner runner = new IterationRunner(new IterationRunner.Options(Duration.ofMillis(10), List.of(),
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90), beforeGo, List.of()));
        return runner.run(ModelRegistry.byName("poll").orElseThrow(), plan, 1, 128,
                TestServers.handle("test server", 128), bytes -> { });
    }
}
