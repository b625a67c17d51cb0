package netoverhead.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import netoverhead.harness.IterationRunner;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.LatencyHistograms;
import netoverhead.result.OperationFigures;
import netoverhead.server.ServerHandle;
import netoverhead.testing.StallingServer;
import netoverhead.testing.TestServers;

/**
 * A server that stops answering for one second in the middle of the window: an open-loop run charges that
 * second to every request it delayed, so that it shows in p99; a closed-loop run has at most one request per
 * connection waiting through it, so that it shows only in the few slowest. The stall is the server's sleep, a
 * lower bound on the latencies it causes, so these are counts of requests above half of it, not timings. A stall
 * at the window's end leaves what was intended then to complete after it: the run did not hold its rate.
 */
@Timeout(120)
class CoordinatedOmissionTest {
    private static final int CONNECTIONS = 4;
    private static final long HALF_STALL_NANOS = 500_000_000L;
    private static final IterationRunner RUNNER = new IterationRunner(new IterationRunner.Options(
            Duration.ofMillis(10), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)));

    @Test
    void anOpenLoopShowsTheStallInP99() throws Exception {
        long rate = 200;
        Histogram h = latencies(new WorkloadPlan(WorkloadKind.RR, 1, rate, 0, 3_000_000_000L, 0));
        // the requests intended in the first half of the stall waited at least its second half: about rate / 2
        long slow = h.getTotalCount() - h.getCountBetweenValues(0, HALF_STALL_NANOS);
        assertThat(slow).isGreaterThanOrEqualTo(rate / 4);
        assertThat(h.getValueAtPercentile(99)).isGreaterThanOrEqualTo(HALF_STALL_NANOS);
    }

    @Test
    void aClosedLoopShowsTheStallOnlyInItsSlowestRequests() throws Exception {
        Histogram h = latencies(new WorkloadPlan(WorkloadKind.RR, 1, 0, 0, 3_000_000_000L, 0));
        long slow = h.getTotalCount() - h.getCountBetweenValues(0, HALF_STALL_NANOS);
        // one request per connection waited through the stall, and no other can have
        assertThat(slow).isBetween(1L, (long) CONNECTIONS);
        assertThat(h.getMaxValue()).isGreaterThanOrEqualTo(2 * HALF_STALL_NANOS * 9 / 10);
    }

    @Test
    void anOpenLoopThatAStallPutsBehindDidNotHoldItsRate() throws Exception {
        // the stall takes the window's last quarter and more: what was intended then completes after the window
        IterationResult result = run(new WorkloadPlan(WorkloadKind.RR, 1, 200, 0, 2_000_000_000L, 0), 1500, 1000);
        OperationFigures ops = result.figures().operations();
        assertThat(ops.rateRatio()).isLessThan(OperationFigures.RATE_HELD);
        assertThat(ops.heldRate()).isFalse();
        assertThat(ops.opsAfter()).isPositive();
    }

    private static Histogram latencies(WorkloadPlan workload) throws Exception {
        return LatencyHistograms.decode(run(workload, 1000, 1000).latencyHistogram());
    }

    private static IterationResult run(WorkloadPlan workload, long stallAfterMillis, long stallMillis)
            throws Exception {
        Model model = ModelRegistry.byName("threaded").orElseThrow();
        try (StallingServer server = new StallingServer(stallAfterMillis, stallMillis)) {
            ClientPlan plan = new ClientPlan("127.0.0.1", server.port(), "/stalling", CONNECTIONS, 8192, 5_000,
                    10_000, null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
            ServerHandle handle = TestServers.handle("stalling server", 16);
            IterationResult result = RUNNER.run(model, plan, 1, 16, handle, bytes -> { });
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).allSatisfy(job -> assertThat(job.error()).as(job.message()).isNull());
            return result;
        }
    }
}
