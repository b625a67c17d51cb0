package netoverhead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.harness.IterationRunner;
import netoverhead.http.IdleFrames;
import netoverhead.http.ResponseParser;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.LatencyHistograms;
import netoverhead.result.OperationFigures;
import netoverhead.server.IdleCounts;
import netoverhead.server.PayloadServer;
import netoverhead.server.ServerHandle;
import netoverhead.testing.TestServers;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * Every model with the idle workload, run as the tool runs it (a child process through the harness) against the
 * embedded server on loopback: every connection gets the server's 200, the pings the window counts are exactly the
 * measured echoes the server read, and the latency histogram holds one round trip for each.
 */
@Timeout(120)
@Execution(ExecutionMode.CONCURRENT)
class IdleConformanceTest {
    private static final int CONNECTIONS = 3;
    private static final long WARMUP_MS = 200;
    private static final long DURATION_MS = 1000;
    private static final long MS = 1_000_000L;
    private static PayloadServer server;

    private static final IterationRunner RUNNER = new IterationRunner(new IterationRunner.Options(
            Duration.ofMillis(10), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)));

    static Stream<Named<Model>> models() {
        return ModelRegistry.all().stream().map(m -> Named.of(m.name(), m));
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServers.embedded(128);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyMeasuredEchoIsOneOperationOfTheWindow(Model model) throws Exception {
        String group = "conformance-" + model.name() + "-" + ProcessHandle.current().pid();
        IterationResult result = run(model, IdleFrames.helloPath(CONNECTIONS, WARMUP_MS, DURATION_MS, group));

        assertThat(result.failure()).isNull();
        assertThat(result.jobs()).hasSize(CONNECTIONS);
        for (JobResult job : result.jobs()) {
            assertThat(job.error()).as("job %d: %s", job.id(), job.message()).isNull();
            assertThat(job.status()).as("job %d", job.id()).isEqualTo(200);
        }
        long window = result.jobs().stream().mapToLong(JobResult::opsWindow).sum();
        long warmup = result.jobs().stream().mapToLong(JobResult::opsWarmup).sum();
        IdleCounts counts = server.idleCounts(group).orElseThrow();
        assertThat(counts.ended()).isTrue();
        assertThat(counts.hellos()).isEqualTo(CONNECTIONS);
        assertThat(counts.measuredEchoes()).as("measured echoes the server read").isPositive().isEqualTo(window);
        assertThat(counts.measuredPingsSent()).isEqualTo(window);
        assertThat(counts.warmupEchoes()).as("warm-up echoes the server read").isEqualTo(warmup);

        OperationFigures ops = result.figures().operations();
        assertThat(ops).isNotNull();
        assertThat(ops.operations()).isEqualTo(window);
        Histogram latencies = LatencyHistograms.decode(result.latencyHistogram());
        assertThat(latencies.getTotalCount()).as("round trips in the latency histogram").isEqualTo(window);
    }

    private static IterationResult run(Model model, String path) throws InterruptedException {
        var availability = model.availability();
        assumeTrue(availability.available(), () -> model.name() + " " + availability);
        WorkloadPlan idle = new WorkloadPlan(WorkloadKind.IDLE, 1, 0, WARMUP_MS * MS, DURATION_MS * MS, 0);
        // a read timeout far shorter than the quiet a connection waits through: a model must not apply it to idle
        ClientPlan plan = new ClientPlan("127.0.0.1", server.port(), path, CONNECTIONS, 1024, 5_000, 300, null, 0,
                false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, idle);
        ServerHandle handle = TestServers.handle("test server", 128);
        return RUNNER.run(model, plan, 1, 128, handle, bytes -> { });
    }
}
