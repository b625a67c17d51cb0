package netoverhead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
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
import netoverhead.testing.CannedServer;
import netoverhead.testing.TestServers;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * Every model with the rr workload, run as the tool runs it (a child process through the harness) against the
 * embedded server on loopback: the counts of every job and the window's histogram agree, a fixed number of
 * requests is exactly that many, pipelined answers are matched in order, an open loop never sends ahead of its
 * schedule, and a server that closes after each response is an error of its own kind, not a hang.
 */
@Timeout(120)
@Execution(ExecutionMode.CONCURRENT)
class RrConformanceTest {
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
    void closedLoopCountsAgreeWithTheHistogram(Model model) throws Exception {
        IterationResult result = run(model, rr(1, 0, 300 * MS, 1000 * MS, 0), server.port(), "/testpayload");
        OperationFigures ops = assertClean(result);
        assertThat(ops.operations()).isPositive();
        for (JobResult job : result.jobs()) {
            assertThat(job.bodyBytes()).isEqualTo(BODY * (job.opsWarmup() + job.opsWindow() + job.opsAfter()));
        }
        assertThat(histogram(result).getTotalCount()).isEqualTo(ops.operations());
        assertThat(ops.latencyP50Us()).isPositive();
        assertThat(ops.latencyP99Us()).isGreaterThanOrEqualTo(ops.latencyP50Us());
        assertThat(ops.latencyMaxUs()).isGreaterThanOrEqualTo(ops.latencyP99Us());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aNumberOfRequestsIsExactlyThatMany(Model model) throws Exception {
        IterationResult result = run(model, rr(1, 0, 100 * MS, 0, 40), server.port(), "/testpayload");
        OperationFigures ops = assertClean(result);
        assertThat(result.jobs()).allSatisfy(job -> assertThat(job.opsWindow()).isEqualTo(40));
        assertThat(ops.operations()).isEqualTo(40L * CONNECTIONS);
        assertThat(histogram(result).getTotalCount()).isEqualTo(40L * CONNECTIONS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void pipelinedAnswersAreMatchedInOrder(Model model) throws Exception {
        IterationResult result = run(model, rr(4, 0, 0, 0, 41), server.port(), "/testpayload");
        OperationFigures ops = assertClean(result);
        assertThat(result.jobs()).allSatisfy(job -> {
            assertThat(job.opsWindow()).isEqualTo(41);
            assertThat(job.bodyBytes()).isEqualTo(41 * BODY);
        });
        assertThat(ops.operations()).isEqualTo(41L * CONNECTIONS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void anOpenLoopNeverSendsAheadOfItsSchedule(Model model) throws Exception {
        long rate = 300;
        IterationResult result = run(model, rr(1, rate, 0, 1000 * MS, 0), server.port(), "/testpayload");
        OperationFigures ops = assertClean(result);
        // one interval per connection is the most the stagger can add; more would be requests sent early
        assertThat(ops.operations()).isPositive().isLessThanOrEqualTo(rate + CONNECTIONS);
        assertThat(ops.rateRatio()).isNotNull();
        long sent = result.jobs().stream().mapToLong(j -> j.opsWarmup() + j.opsWindow() + j.opsAfter()).sum();
        assertThat(sent).isLessThanOrEqualTo(rate + CONNECTIONS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aServerThatClosesAfterEachResponseIsAnErrorOfItsOwn(Model model) throws Exception {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                .getBytes(StandardCharsets.US_ASCII);
        try (CannedServer closing = CannedServer.answering(List.of(answer))) {
            IterationResult result = run(model, rr(1, 0, 0, 0, 10), closing.port(), "/closing");
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(CONNECTIONS).allSatisfy(job -> {
                assertThat(job.error()).isEqualTo("closed");
                assertThat(job.message()).contains("keep-alive");
            });
        }
    }

    private static OperationFigures assertClean(IterationResult result) {
        assertThat(result.failure()).isNull();
        assertThat(result.jobs()).hasSize(CONNECTIONS);
        for (JobResult job : result.jobs()) {
            assertThat(job.error()).as("job %d: %s", job.id(), job.message()).isNull();
            assertThat(job.status()).isEqualTo(200);
        }
        OperationFigures ops = result.figures().operations();
        assertThat(ops).isNotNull();
        long sum = result.jobs().stream().mapToLong(JobResult::opsWindow).sum();
        assertThat(ops.operations()).isEqualTo(sum);
        return ops;
    }

    private static Histogram histogram(IterationResult result) {
        assertThat(result.latencyHistogram()).isNotNull();
        return LatencyHistograms.decode(result.latencyHistogram());
    }

    private static WorkloadPlan rr(int pipeline, long rate, long warmupNs, long durationNs, long requests) {
        return new WorkloadPlan(WorkloadKind.RR, pipeline, rate, warmupNs, durationNs, requests);
    }

    private static IterationResult run(Model model, WorkloadPlan workload, int port, String path)
            throws InterruptedException {
        var availability = model.availability();
        assumeTrue(availability.available(), () -> model.name() + " " + availability);
        ClientPlan plan = new ClientPlan("127.0.0.1", port, path, CONNECTIONS, 8 * 1024, 5_000, 10_000, null, 0,
                path.equals("/testpayload"), ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
        ServerHandle handle = TestServers.handle("test server", BODY);
        return RUNNER.run(model, plan, 1, BODY, handle, bytes -> { });
    }
}
