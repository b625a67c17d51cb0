package netoverhead.model.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.harness.IterationRunner;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * The FFM models' churn reconnects, run through the harness (a child JVM), against a server that answers a
 * few connections (each response closing its connection) and then stops listening: the job counts the
 * connections it completed, and the refused reconnect ends it, failed, with libc's words.
 */
@Timeout(120)
class FfmChurnTest {
    private static final int SERVED = 3;
    private static final int BODY = 128;

    private static final IterationRunner RUNNER = new IterationRunner(new IterationRunner.Options(
            Duration.ofMillis(10), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)));

    @BeforeAll
    static void ffmAvailable() {
        var availability = FfmSupport.availability();
        Assumptions.assumeTrue(availability.available(), () -> "FFM models " + availability);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-threaded", "ffm-poll"})
    void aRefusedReconnectEndsTheJobAfterTheConnectionsItCompleted(String name) throws Exception {
        Model model = ModelRegistry.byName(name).orElseThrow();
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        listener.setSoTimeout(30_000);
        CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> serveThenStop(listener));
        try {
            // no warm-up, a window far longer than the test: only the refused connect can end the job
            WorkloadPlan churn = new WorkloadPlan(WorkloadKind.CHURN, 1, 0, 0, 60_000_000_000L, 0, 1);
            ClientPlan plan = new ClientPlan("127.0.0.1", listener.getLocalPort(), "/rr/" + BODY, 1, 8 * 1024,
                    5_000, 10_000, null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, churn);
            IterationResult result = RUNNER.run(model, plan, 1, BODY, TestServers.handle("test server", BODY),
                    bytes -> { });

            assertThat(served.get(30, TimeUnit.SECONDS)).isEqualTo(SERVED);
            assertThat(result.jobs()).hasSize(1);
            JobResult job = result.jobs().getFirst();
            assertThat(job.error()).isEqualTo("connect");
            assertThat(job.message()).isEqualTo("connect: Connection refused (errno 111)");
            assertThat(job.opsWarmup() + job.opsWindow() + job.opsAfter()).isEqualTo(SERVED);
            assertThat(job.bodyBytes()).isEqualTo((long) SERVED * BODY);
            assertThat(job.status()).isEqualTo(200);
        } finally {
            listener.close();
        }
    }

    /** Answers {@link #SERVED} connections one request each, closing each; stops listening before the last close. */
    private static int serveThenStop(ServerSocket listener) {
        int served = 0;
        try {
            for (int i = 0; i < SERVED; i++) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(30_000);
                    readHead(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(ScriptedServer.concat(ScriptedServer.ascii("HTTP/1.1 200 OK\r\nContent-Length: " + BODY
                            + "\r\nConnection: close\r\n\r\n"), ScriptedServer.body(0, BODY)));
                    out.flush();
                    // the client reconnects once it reads this close: by then nothing listens
                    if (i == SERVED - 1) TestServers.stopListening(listener);
                    served++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("served " + served + " connections: " + e, e);
        }
        return served;
    }

    private static void readHead(InputStream in) throws IOException {
        int tail = 0;
        for (int n = 0; n < 64 * 1024; n++) {
            int b = in.read();
            if (b < 0) throw new IOException("the client closed before its request's end");
            tail = (tail << 8) | b;
            if (tail == 0x0D0A0D0A) return;
        }
        throw new IOException("a request head of more than 64 KiB");
    }
}
