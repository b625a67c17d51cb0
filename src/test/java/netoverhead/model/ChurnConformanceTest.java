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
import netoverhead.http.ResponseParser;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.LatencyHistograms;
import netoverhead.result.OperationFigures;
import netoverhead.server.PayloadServer;
import netoverhead.server.ServerHandle;
import netoverhead.testing.TestServers;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * Every model with the churn workload, run as the tool runs it (a child process through the harness) against the
 * embedded server on loopback: each connection the server accepts is one the client counts, a fixed number of
 * connections per worker is exactly that many, several requests per connection are all answered before the server
 * closes, and the window's histograms hold one transaction and one connect latency per connection.
 */
@Timeout(120)
@Execution(ExecutionMode.CONCURRENT)
class ChurnConformanceTest {
    private static final int CONNECTIONS = 3;
    private static final long BODY = 128;
    private static final long MS = 1_000_000L;
    private static PayloadServer server;

    private static final IterationRunner RUNNER = new IterationRunner(new IterationRunner.Options(
            Duration.ofMillis(10), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)));

    static Stream<Named<Model>> models() {
        return ModelRegistry.all().stream().map(m -> Named.of(m.name(), m));
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServers.embedded(BODY);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aFixedNumberOfConnectionsIsExactlyThatMany(Model model) throws Exception {
        IterationResult result = run(model, churn(100 * MS, 0, 25, 1));
        OperationFigures ops = assertClean(result);
        assertThat(ops.operations()).isEqualTo(CONNECTIONS * 25L);
        for (JobResult job : result.jobs()) {
            assertThat(job.opsWindow()).isEqualTo(25);
            long connections = job.opsWarmup() + job.opsWindow() + job.opsAfter();
            assertThat(job.bodyBytes()).as("job %d", job.id()).isEqualTo(BODY * connections);
        }
        assertThat(histogram(result.latencyHistogram()).getTotalCount()).isEqualTo(ops.operations());
        assertThat(ops.connection()).isNotNull();
        assertThat(ops.connection().connectP50Us()).isPositive();
        assertThat(ops.connection().connectP99Us()).isGreaterThanOrEqualTo(ops.connection().connectP50Us());
        // a connection's transaction (connect, request, response) holds its connect
        assertThat(ops.latencyP99Us()).isGreaterThanOrEqualTo(ops.connection().connectP50Us());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void severalRequestsPerConnectionAreAllAnswered(Model model) throws Exception {
        IterationResult result = run(model, churn(0, 0, 10, 3));
        OperationFigures ops = assertClean(result);
        assertThat(ops.operations()).isEqualTo(CONNECTIONS * 10L);
        for (JobResult job : result.jobs()) {
            long connections = job.opsWarmup() + job.opsWindow() + job.opsAfter();
            assertThat(job.bodyBytes()).as("job %d", job.id()).isEqualTo(3 * BODY * connections);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aWindowOfTimeCountsEveryConnectionTheServerAccepted(Model model) throws Exception {
        try (PayloadServer own = TestServers.embedded(BODY)) {
            IterationResult result = run(model, churn(200 * MS, 600 * MS, 0, 1), own.port());
            OperationFigures ops = assertClean(result);
            assertThat(ops.operations()).isPositive();
            long counted = result.jobs().stream().mapToLong(j -> j.opsWarmup() + j.opsWindow() + j.opsAfter()).sum();
            assertThat(own.accepted()).isEqualTo(counted);
        }
    }

    static OperationFigures assertClean(IterationResult result) {
        assertThat(result.failure()).isNull();
        assertThat(result.jobs()).hasSize(CONNECTIONS);
        for (JobResult job : result.jobs()) {
            assertThat(job.error()).as("job %d: %s", job.id(), job.message()).isNull();
            assertThat(job.status()).isEqualTo(200);
        }
        OperationFigures ops = result.figures().operations();
        assertThat(ops).isNotNull();
        assertThat(ops.operations()).isEqualTo(result.jobs().stream().mapToLong(JobResult::opsWindow).sum());
        return ops;
    }

    private static Histogram histogram(String encoded) {
        assertThat(encoded).isNotNull();
        return LatencyHistograms.decode(encoded);
    }

    private static WorkloadPlan churn(long warmupNs, long durationNs, long requests, int perConnection) {
        return new WorkloadPlan(WorkloadKind.CHURN, 1, 0, warmupNs, durationNs, requests, perConnection);
    }

    private static IterationResult run(Model model, WorkloadPlan workload) throws InterruptedException {
        return run(model, workload, server.port());
    }

    private static IterationResult run(Model model, WorkloadPlan workload, int port) throws InterruptedException {
        var availability = model.availability();
        assumeTrue(availability.available(), () -> model.name() + " " + availability);
        ClientPlan plan = new ClientPlan("127.0.0.1", port, "/rr/" + BODY, CONNECTIONS, 8 * 1024, 5_000,
                10_000, null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
        ServerHandle handle = TestServers.handle("test server", BODY);
        return RUNNER.run(model, plan, 1, BODY, handle, bytes -> { });
    }
}
