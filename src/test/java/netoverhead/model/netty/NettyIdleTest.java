package netoverhead.model.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.http.IdleFrames;
import netoverhead.http.ResponseParser;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.testing.ScriptedServer;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * Each Netty transport holds idle connections with no read timeout: a server on loopback answers the hello,
 * stays silent for several read timeouts, pings each connection once and says goodbye; every job echoes its ping
 * unchanged, counts it, and closes after the goodbye without a failure. The same silence fails an rr job with a
 * read timeout, so the silence is long enough to trip one.
 */
@Timeout(60)
class NettyIdleTest {
    private static final int CONNECTIONS = 3;
    private static final int READ_TIMEOUT_MS = 200;
    private static final long SILENCE_MS = 4 * READ_TIMEOUT_MS;
    private static final byte[] IDLE_HEAD = ScriptedServer.ascii(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nCache-Control: no-store\r\n\r\n");

    static Stream<Named<NettyModel>> models() {
        return Stream.of(new NettyNioModel(), new NettyEpollModel(), new NettyIoUringModel())
                .map(m -> Named.of(m.name(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void anIdleConnectionOutwaitsTheReadTimeoutEchoesItsPingAndClosesAfterGoodbye(NettyModel model) throws Exception {
        AtomicInteger echoedUnchanged = new AtomicInteger();
        CountDownLatch closedByClient = new CountDownLatch(CONNECTIONS);
        try (ScriptedServer server = ScriptedServer.start(0, (s, out, i) -> {
            out.write(IDLE_HEAD);
            out.flush();
            Thread.sleep(SILENCE_MS);
            byte[] ping = frame(IdleFrames.MEASURED_PING, i, 1_000_000L + i);
            out.write(ping);
            out.flush();
            InputStream in = s.getInputStream();
            if (Arrays.equals(in.readNBytes(IdleFrames.BYTES), ping)) echoedUnchanged.incrementAndGet();
            out.write(frame(IdleFrames.BYE, 0, 0));
            out.flush();
            if (in.read() < 0) closedByClient.countDown();
        })) {
            String hello = IdleFrames.helloPath(CONNECTIONS, 0, 1000, "netty-idle-test");
            JobRecord[] jobs = run(model, server.port(), hello, new WorkloadPlan(WorkloadKind.IDLE, 1, 0, 0, 0, 0));
            for (JobRecord job : jobs) {
                assertThat(job.error).as("job %d: %s", job.id, job.message).isNull();
                assertThat(job.status).isEqualTo(200);
                assertThat(job.opsWindow).isEqualTo(1);
                assertThat(job.endAt).isGreaterThanOrEqualTo(job.requestSentAt);
            }
            assertThat(closedByClient.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(echoedUnchanged).hasValue(CONNECTIONS);
            assertThat(server.accepted()).isEqualTo(CONNECTIONS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theSameSilenceFailsAnRrJobWithItsReadTimeout(NettyModel model) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(0, (s, out, i) -> {
            Thread.sleep(SILENCE_MS);
            out.write(ScriptedServer.concat(ScriptedServer.okHead(1), ScriptedServer.body(0, 1)));
        })) {
            JobRecord[] jobs = run(model, server.port(), "/rr/1", new WorkloadPlan(WorkloadKind.RR, 1, 0, 0, 0, 1));
            for (JobRecord job : jobs) {
                assertThat(job.error).as("job %d: %s", job.id, job.message).isEqualTo(ErrorKind.TIMEOUT);
            }
        }
    }

    private static byte[] frame(byte type, int narrow, long wide) {
        ByteBuffer b = ByteBuffer.allocate(IdleFrames.BYTES);
        IdleFrames.put(b, type, narrow, wide);
        return b.array();
    }

    private static JobRecord[] run(NettyModel model, int port, String path, WorkloadPlan workload) throws Exception {
        var availability = model.availability();
        assumeTrue(availability.available(), () -> model.name() + " " + availability);
        ClientPlan plan = new ClientPlan("127.0.0.1", port, path, CONNECTIONS, 1024, 5_000, READ_TIMEOUT_MS, null, 1,
                false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
        JobRecord[] jobs = new JobRecord[CONNECTIONS];
        for (int i = 0; i < jobs.length; i++) jobs[i] = new JobRecord(i);
        model.prepare(plan);
        model.run(plan, plan.newWorkload(System.nanoTime()), jobs);
        return jobs;
    }
}
