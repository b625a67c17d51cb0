package netoverhead.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.http.IdleFrames;
import netoverhead.http.ResponseParser;
import netoverhead.job.JobRecord;
import netoverhead.server.IdleCounts;
import netoverhead.server.PayloadServer;
import netoverhead.testing.TestServers;
import netoverhead.workload.Workload;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * The selector-loop models (poll, poll-loops) and NIO.2, run in this JVM against the embedded server: churn counts
 * every connection the server accepted, each with a connect latency inside its transaction, and an idle connection
 * whose read timeout is far shorter than the gaps between its pings lasts until the server's goodbye.
 */
@Timeout(60)
class LoopAndNio2EmbeddedServerTest {
    private static final long BODY = 128;
    private static final long MS = 1_000_000L;

    static Stream<Named<JvmModel>> models() {
        return Stream.<JvmModel>of(new PollModel(), new PollLoopsModel(), new Nio2Model())
                .map(m -> Named.of(m.name(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void churnConnectsAgainUntilItsCountWithEachConnectTimedFromItsSocket(JvmModel model) throws Exception {
        try (PayloadServer server = TestServers.embedded(BODY)) {
            // two workers, five connections each, two requests on every connection
            ClientPlan plan = plan(server, "/rr/" + BODY, 2, 10_000,
                    new WorkloadPlan(WorkloadKind.CHURN, 1, 0, 0, 0, 5, 2));
            JobRecord[] jobs = {new JobRecord(0), new JobRecord(1)};
            long start = System.nanoTime();
            Workload workload = plan.newWorkload(start);
            model.run(plan, workload, jobs);
            long took = System.nanoTime() - start;
            for (JobRecord job : jobs) {
                assertThat(job.error).as("%s", job.message).isNull();
                assertThat(job.opsWindow).isEqualTo(5);
                assertThat(job.bodyBytes).isEqualTo(5 * 2 * BODY);
            }
            assertThat(server.accepted()).isEqualTo(10);
            Histogram connects = workload.connectLatencies().merged();
            Histogram transactions = workload.latencies().merged();
            assertThat(connects.getTotalCount()).isEqualTo(10);
            assertThat(transactions.getTotalCount()).isEqualTo(10);
            assertThat(connects.getMinValue()).isPositive();
            // each connect counts from its own socket's creation: inside its transaction, and inside the run
            assertThat(connects.getMaxValue()).isLessThanOrEqualTo(transactions.getMaxValue());
            assertThat(transactions.getMaxValue()).isLessThanOrEqualTo(transactions.highestEquivalentValue(took));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void anIdleConnectionOutlastsGapsBetweenPingsLongerThanItsReadTimeout(JvmModel model) throws Exception {
        // one connection: one ping a second, and a read timeout of a tenth of that
        String group = "loop-nio2-" + model.name() + "-" + ProcessHandle.current().pid();
        long warmupMs = 0;
        long durationMs = 1_500;
        try (PayloadServer server = TestServers.embedded(BODY)) {
            ClientPlan plan = plan(server, IdleFrames.helloPath(1, warmupMs, durationMs, group), 1, 100,
                    new WorkloadPlan(WorkloadKind.IDLE, 1, 0, warmupMs * MS, durationMs * MS, 0));
            JobRecord job = new JobRecord(0);
            model.run(plan, plan.newWorkload(System.nanoTime()), new JobRecord[] {job});
            assertThat(job.error).as("%s", job.message).isNull();
            assertThat(job.status).isEqualTo(200);
            IdleCounts counts = server.idleCounts(group).orElseThrow();
            assertThat(counts.ended()).isTrue();
            assertThat(counts.measuredEchoes()).isPositive().isEqualTo(job.opsWindow);
        }
    }

    private static ClientPlan plan(PayloadServer server, String path, int connections, int readTimeoutMs,
                                   WorkloadPlan workload) {
        return new ClientPlan("127.0.0.1", server.port(), path, connections, 1024, 5_000, readTimeoutMs, null, 2,
                false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
    }
}
