package netoverhead.model.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.server.PayloadServer;
import netoverhead.testing.TestServers;
import netoverhead.workload.Workload;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * Each Netty transport drives rr conversations in this JVM against the embedded server on loopback: every job
 * stamps its first request as written between its connect and its end (io_uring's writes complete after the
 * flush, and the stamp must wait for them), pipelined answers add up to the bodies asked for, and a pipelined
 * open loop, whose sends wait on the event loop's scheduled tasks, sends no more requests than its schedule.
 */
@Timeout(60)
class NettyConversationTest {
    private static final int CONNECTIONS = 3;
    private static final long BODY = 200;
    private static final long MS = 1_000_000L;
    private static PayloadServer server;

    static Stream<Named<NettyModel>> models() {
        return Stream.of(new NettyNioModel(), new NettyEpollModel(), new NettyIoUringModel())
                .map(m -> Named.of(m.name(), m));
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
    void pipelinedRequestsAreAnsweredAndTheFirstWriteIsStamped(NettyModel model) throws Exception {
        JobRecord[] jobs = run(model, new WorkloadPlan(WorkloadKind.RR, 3, 0, 0, 0, 25));
        for (JobRecord job : jobs) {
            assertThat(job.error).as("job %d: %s", job.id, job.message).isNull();
            assertThat(job.opsWindow).isEqualTo(25);
            assertThat(job.bodyBytes).isEqualTo(25 * BODY);
            assertThat(job.status).isEqualTo(200);
            assertThat(job.connectedAt).isNotNegative();
            assertThat(job.requestSentAt).isGreaterThanOrEqualTo(job.connectedAt);
            assertThat(job.endAt).isGreaterThanOrEqualTo(job.requestSentAt);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aPipelinedOpenLoopSendsNoMoreThanItsSchedule(NettyModel model) throws Exception {
        long rate = 150;
        JobRecord[] jobs = run(model, new WorkloadPlan(WorkloadKind.RR, 2, rate, 0, 400 * MS, 0));
        long answered = 0;
        for (JobRecord job : jobs) {
            assertThat(job.error).as("job %d: %s", job.id, job.message).isNull();
            assertThat(job.opsWindow).isPositive();
            long all = job.opsWarmup + job.opsWindow + job.opsAfter;
            assertThat(job.bodyBytes).isEqualTo(all * BODY);
            answered += all;
        }
        // 400 ms at 150 per second is 60 intended sends; the stagger adds at most one per connection
        assertThat(answered).isLessThanOrEqualTo(60 + CONNECTIONS);
    }

    private static JobRecord[] run(NettyModel model, WorkloadPlan workload) throws Exception {
        var availability = model.availability();
        assumeTrue(availability.available(), () -> model.name() + " " + availability);
        ClientPlan plan = new ClientPlan("127.0.0.1", server.port(), "/testpayload", CONNECTIONS, 8 * 1024, 5_000,
                10_000, null, 1, true, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
        JobRecord[] jobs = new JobRecord[CONNECTIONS];
        for (int i = 0; i < jobs.length; i++) jobs[i] = new JobRecord(i);
        model.prepare(plan);
        Workload w = plan.newWorkload(System.nanoTime());
        model.run(plan, w, jobs);
        return jobs;
    }
}
