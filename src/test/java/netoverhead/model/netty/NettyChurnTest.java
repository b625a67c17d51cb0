package netoverhead.model.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.http.ResponseParser;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.server.PayloadServer;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;
import netoverhead.workload.Workload;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * Each Netty transport runs churn in this JVM against a server on loopback: a job connects again and again for
 * its one conversation, every connection it counts is one the server accepted, each connection's connect latency
 * (from its socket's creation to its connect) lies within the run, and a reconnect that the server refuses ends
 * the job as a connect failure after the connections that went well.
 */
@Timeout(60)
class NettyChurnTest {
    private static final int CONNECTIONS = 3;
    private static final long BODY = 128;

    static Stream<Named<NettyModel>> models() {
        return Stream.of(new NettyNioModel(), new NettyEpollModel(), new NettyIoUringModel())
                .map(m -> Named.of(m.name(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyConnectionIsANewOneTheServerAccepts(NettyModel model) throws Exception {
        try (PayloadServer server = TestServers.embedded(BODY)) {
            Run run = run(model, churn(20, 2), server.port(), "/rr/" + BODY);
            long connections = 0;
            for (JobRecord job : run.jobs) {
                assertThat(job.error).as("job %d: %s", job.id, job.message).isNull();
                assertThat(job.status).isEqualTo(200);
                assertThat(job.opsWindow).isEqualTo(20);
                assertThat(job.bodyBytes).isEqualTo(20 * 2 * BODY);
                assertThat(job.endAt).isGreaterThanOrEqualTo(job.requestSentAt);
                connections += job.opsWindow;
            }
            assertThat(server.accepted()).isEqualTo(connections);
            Histogram connects = run.workload.connectLatencies().merged();
            assertThat(connects.getTotalCount()).isEqualTo(connections);
            assertThat(connects.getMinValue()).isPositive();
            // each connect counts from its own socket's creation: every one lies within the run
            assertThat(connects.getMaxValue()).isLessThanOrEqualTo(connects.highestEquivalentValue(run.nanos));
            assertThat(run.workload.latencies().merged().getTotalCount()).isEqualTo(connections);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aRefusedReconnectFailsTheJobAfterItsFirstConnection(NettyModel model) throws Exception {
        AtomicReference<ScriptedServer> holder = new AtomicReference<>();
        // the server stops listening, then answers the first connection and closes it: the reconnect is refused
        try (ScriptedServer server = ScriptedServer.start(BODY, (s, out, i) -> {
            holder.get().stopListening();
            out.write(ScriptedServer.concat(ScriptedServer.okHead(BODY), ScriptedServer.body(0, (int) BODY)));
            out.flush();
        })) {
            holder.set(server);
            Run run = run(model, churn(5, 1), server.port(), "/rr/" + BODY, 1);
            JobRecord job = run.jobs[0];
            assertThat(job.error).as(job.message).isEqualTo(ErrorKind.CONNECT);
            assertThat(job.opsWindow).isEqualTo(1);
            assertThat(job.bodyBytes).isEqualTo(BODY);
            assertThat(server.accepted()).isEqualTo(1);
            assertThat(job.endAt).isNotNegative();
        }
    }

    private static WorkloadPlan churn(long connectionsPerJob, int requestsPerConnection) {
        return new WorkloadPlan(WorkloadKind.CHURN, 1, 0, 0, 0, connectionsPerJob, requestsPerConnection);
    }

    private record Run(JobRecord[] jobs, Workload workload, long nanos) {}

    private static Run run(NettyModel model, WorkloadPlan workload, int port, String path) throws Exception {
        return run(model, workload, port, path, CONNECTIONS);
    }

    private static Run run(NettyModel model, WorkloadPlan workload, int port, String path, int connections)
            throws Exception {
        var availability = model.availability();
        assumeTrue(availability.available(), () -> model.name() + " " + availability);
        ClientPlan plan = new ClientPlan("127.0.0.1", port, path, connections, 8 * 1024, 5_000, 10_000, null, 2,
                false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
        JobRecord[] jobs = new JobRecord[connections];
        for (int i = 0; i < jobs.length; i++) jobs[i] = new JobRecord(i);
        model.prepare(plan);
        long start = System.nanoTime();
        Workload w = plan.newWorkload(start);
        model.run(plan, w, jobs);
        return new Run(jobs, w, System.nanoTime() - start);
    }
}
