package netoverhead.model.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.harness.IterationRunner;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.server.PayloadServer;
import netoverhead.server.ServerHandle;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * The FFM models' timeouts with the rr workload, run as the tool runs them (a child process through the
 * harness): the read timeout applies only while a response is awaited, so an open-loop connection idle between
 * its requests for longer than the timeout lives on, and a server that stops answering is a read timeout.
 */
@Timeout(120)
class FfmRequestResponseTest {
    private static final long BODY = 128;
    private static final long MS = 1_000_000L;
    private static final IterationRunner RUNNER = new IterationRunner(new IterationRunner.Options(
            Duration.ofMillis(10), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)));

    @BeforeAll
    static void ffmAvailable() {
        var availability = FfmSupport.availability();
        Assumptions.assumeTrue(availability.available(), () -> "FFM models " + availability);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-poll", "ffm-threaded"})
    void anOpenLoopConnectionIdleLongerThanTheReadTimeoutLivesOn(String model) throws Exception {
        try (PayloadServer server = TestServers.embedded(BODY)) {
            // 2 connections at 8 requests per second: each sends every 250 ms, idle far past the 100 ms timeout
            WorkloadPlan rr = new WorkloadPlan(WorkloadKind.RR, 1, 8, 0, 1000 * MS, 0);
            IterationResult result = run(model, rr, server.port(), "/testpayload", 100);
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(2).allSatisfy(job -> {
                assertThat(job.error()).as(job.message()).isNull();
                // at most the 4 intended times in the window; 2 at least: one after an idle gap
                assertThat(operations(job)).isBetween(2L, 4L);
                assertThat(job.bodyBytes()).isEqualTo(BODY * operations(job));
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-poll", "ffm-threaded"})
    void aServerThatStopsAnsweringIsAReadTimeout(String model) throws Exception {
        byte[] oneAnswer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);
        try (ScriptedServer server = ScriptedServer.start(5, ScriptedServer.thenHold(oneAnswer))) {
            WorkloadPlan rr = new WorkloadPlan(WorkloadKind.RR, 1, 0, 0, 0, 10);
            IterationResult result = run(model, rr, server.port(), "/held", 300);
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(2).allSatisfy(job -> {
                assertThat(job.error()).isEqualTo("timeout");
                assertThat(job.message()).isEqualTo("no data for 300 ms after 5 body bytes");
                assertThat(operations(job)).isEqualTo(1);
            });
        }
    }

    private static long operations(JobResult job) {
        return job.opsWarmup() + job.opsWindow() + job.opsAfter();
    }

    private static IterationResult run(String name, WorkloadPlan workload, int port, String path, int readTimeoutMs)
            throws InterruptedException {
        var model = ModelRegistry.byName(name).orElseThrow();
        ClientPlan plan = new ClientPlan("127.0.0.1", port, path, 2, 8 * 1024, 5_000, readTimeoutMs, null, 0,
                path.equals("/testpayload"), ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
        ServerHandle handle = TestServers.handle("test server", BODY);
        return RUNNER.run(model, plan, 1, BODY, handle, bytes -> { });
    }
}
