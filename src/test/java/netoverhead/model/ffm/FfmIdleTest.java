package netoverhead.model.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.harness.IterationRunner;
import netoverhead.http.IdleFrames;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.LatencyHistograms;
import netoverhead.server.IdleCounts;
import netoverhead.server.PayloadServer;
import netoverhead.testing.TestServers;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * The FFM models with the idle workload, run through the harness against the embedded server: with a read timeout
 * far shorter than the seconds an idle connection waits between pings, every connection still lives until the
 * server's goodbye, every ping the server sent is echoed and counted in the phase it was sent in, and the window's
 * round trips are the server's measured pings.
 */
@Timeout(120)
class FfmIdleTest {
    private static final int CONNECTIONS = 200;
    private static final long WARMUP_MS = 500;
    private static final long DURATION_MS = 2000;
    private static final int READ_TIMEOUT_MS = 200;
    private static final long PAYLOAD = 128;

    private static final IterationRunner RUNNER = new IterationRunner(new IterationRunner.Options(
            Duration.ofMillis(10), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)));

    @BeforeAll
    static void ffmAvailable() {
        var availability = FfmSupport.availability();
        Assumptions.assumeTrue(availability.available(), () -> "FFM models " + availability);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-threaded", "ffm-poll"})
    void idleConnectionsOutwaitTheReadTimeoutAndEchoEveryPing(String name) throws Exception {
        // one ping a second per hundred connections: most connections hear nothing for seconds
        assertThat(IdleFrames.pingsPerSecond(CONNECTIONS)).isEqualTo(2);
        Model model = ModelRegistry.byName(name).orElseThrow();
        String group = "ffm" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            WorkloadPlan idle = new WorkloadPlan(WorkloadKind.IDLE, 1, 0, WARMUP_MS * 1_000_000L,
                    DURATION_MS * 1_000_000L, 0);
            ClientPlan plan = new ClientPlan("127.0.0.1", server.port(),
                    IdleFrames.helloPath(CONNECTIONS, WARMUP_MS, DURATION_MS, group), CONNECTIONS, 1024, 5_000,
                    READ_TIMEOUT_MS, null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, idle);
            IterationResult result = RUNNER.run(model, plan, 1, PAYLOAD,
                    TestServers.handle("test server", PAYLOAD), bytes -> { });

            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(CONNECTIONS);
            long warmup = 0;
            long window = 0;
            for (JobResult job : result.jobs()) {
                assertThat(job.error()).as("job %d: %s", job.id(), job.message()).isNull();
                assertThat(job.status()).isEqualTo(200);
                warmup += job.opsWarmup();
                window += job.opsWindow() + job.opsAfter();
            }
            IdleCounts counts = droppedCounts(server, group);
            assertThat(counts.ended()).isTrue();
            assertThat(counts.hellos()).isEqualTo(CONNECTIONS);
            assertThat(counts.closedByServer()).isZero();
            assertThat(counts.measuredPingsSent()).isPositive();
            assertThat(warmup).isEqualTo(counts.warmupPingsSent()).isEqualTo(counts.warmupEchoes());
            assertThat(window).isEqualTo(counts.measuredPingsSent()).isEqualTo(counts.measuredEchoes());
            assertThat(LatencyHistograms.decode(result.latencyHistogram()).getTotalCount())
                    .isEqualTo(counts.resultCount()).isEqualTo(counts.measuredPingsSent());
        }
    }

    /** The group's counts once the server has seen all its connections close (waits, bounded). */
    private static IdleCounts droppedCounts(PayloadServer server, String group) throws InterruptedException {
        IdleCounts counts = server.idleCounts(group).orElseThrow();
        for (int i = 0; i < 1000 && counts.connections() > 0; i++) {
            Thread.sleep(10);
            counts = server.idleCounts(group).orElseThrow();
        }
        assertThat(counts.connections()).as("connections left in the group").isZero();
        return counts;
    }
}
