package netoverhead.model.nativeclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.model.ClientPlan;
import netoverhead.payload.PayloadFile;
import netoverhead.payload.PayloadPattern;
import netoverhead.result.JobResult;
import netoverhead.server.PayloadServer;
import netoverhead.testing.ChildRun;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/**
 * The C clients on their own, outside the harness: they speak the harness's line protocol exactly, take
 * the plan's key=value arguments, parse HTTP as the shared Java parser does and name each failure's kind.
 */
class NativeClientTest {
    @TempDir
    static Path cache;
    static NativeBuild build;

    @BeforeAll
    static void compilerPresent() {
        build = new NativeBuild(cache, NativeBuild.COMPILERS);
        build.unavailableReason().ifPresent(reason -> Assumptions.abort("native clients unavailable: " + reason));
    }

    private static ClientPlan plan(int port, int connections, boolean verify, int readTimeoutMs) {
        return new ClientPlan("127.0.0.1", port, "/testpayload", connections, 16 * 1024, 2000, readTimeoutMs, null, 0,
                verify, 64 * 1024);
    }

    private static ChildRun.Result run(String source, ClientPlan plan) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(build.program(source).toString());
        command.addAll(plan.toArgs());
        return ChildRun.run(command, 60);
    }

    private static JobResult only(String source, ClientPlan plan) throws Exception {
        ChildRun.Result result = run(source, plan);
        assertThat(result.exitCode()).isZero();
        assertThat(result.jobs()).hasSize(1);
        return result.jobs().getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void speaksTheProtocolAndDownloadsEveryVerifiedByte(String source) throws Exception {
        long payload = 3 * 1024 * 1024 + 7;
        try (PayloadServer server = TestServers.embedded(payload)) {
            ChildRun.Result result = run(source, plan(server.port(), 5, true, 10_000));
            assertThat(result.lines().getFirst()).isEqualTo("READY");
            assertThat(result.lines().getLast()).isEqualTo("DONE");
            assertThat(result.exitCode()).isZero();
            assertThat(result.jobs()).extracting(JobResult::id).containsExactly(0, 1, 2, 3, 4);
            for (JobResult job : result.jobs()) {
                assertThat(job.error()).as(job.message()).isNull();
                assertThat(job.status()).isEqualTo(200);
                assertThat(job.bodyBytes()).isEqualTo(payload);
                assertThat(job.contentLength()).isEqualTo(payload);
                assertThat(job.socketCreateNs()).isPositive();
                assertThat(job.setupNs()).isPositive();
                assertThat(job.socketStartNs()).isNotNegative();
                assertThat(job.connectedNs()).isGreaterThan(job.socketStartNs());
                assertThat(job.requestSentNs()).isGreaterThanOrEqualTo(job.connectedNs());
                assertThat(job.endNs()).isGreaterThan(job.requestSentNs()).isLessThanOrEqualTo(result.windowNs());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void readsChunkedAndUntilCloseBodies(String source) throws Exception {
        try (ScriptedServer chunked = ScriptedServer.start(0, ScriptedServer.raw(ScriptedServer.ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\nA\r\n, world!!!\r\n0\r\nX-Trailer: 1\r\n\r\n")))) {
            JobResult job = only(source, plan(chunked.port(), 1, false, 5000));
            assertThat(job.error()).as(job.message()).isNull();
            assertThat(job.bodyBytes()).isEqualTo(15);
            assertThat(job.contentLength()).isEqualTo(-1);
        }
        try (ScriptedServer untilClose = ScriptedServer.start(0, ScriptedServer.raw(ScriptedServer.ascii("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nabc")))) {
            JobResult job = only(source, plan(untilClose.port(), 1, false, 5000));
            assertThat(job.error()).as(job.message()).isNull();
            assertThat(job.bodyBytes()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void namesEachKindOfFailure(String source) throws Exception {
        assertFailure(source, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", false, "status", "HTTP 404 Not Found");
        assertFailure(source, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", false, "truncated",
                "connection closed after 3 of 10 body bytes");
        assertFailure(source, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabcd", false, "protocol",
                "body longer than its Content-Length of 2 bytes");
        assertFailure(source, "HTTP/1.1 2OO OK\r\n\r\n", false, "protocol", "malformed status line: HTTP/1.1 2OO OK");
        assertFailure(source, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", false, "protocol",
                "conflicting Content-Length headers");
        assertFailure(source, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false, "protocol",
                "bad chunk size: zz");
        assertFailure(source, "", false, "truncated", "connection closed before any response");
        char wrong = (char) ((PayloadPattern.at(0) ^ 1) & 0xff);
        assertFailure(source, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + wrong, true, "corrupt",
                "body differs from the payload at byte 0");
    }

    private static void assertFailure(String source, String response, boolean verify, String kind, String message)
            throws Exception {
        try (ScriptedServer server = ScriptedServer.start(0, ScriptedServer.raw(response.getBytes(StandardCharsets.ISO_8859_1)))) {
            JobResult job = only(source, plan(server.port(), 1, verify, 5000));
            assertThat(job.error()).as(response).isEqualTo(kind);
            assertThat(job.message()).as(response).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void refusedConnectionsAndSilentServersAreErrorsWithTheirReason(String source) throws Exception {
        JobResult refused = only(source, plan(TestServers.freePort(), 1, false, 5000));
        assertThat(refused.error()).isEqualTo("connect");
        assertThat(refused.message()).contains("Connection refused");
        assertThat(refused.connectedNs()).isEqualTo(-1);
        try (ScriptedServer silent = ScriptedServer.start(0, ScriptedServer.silent())) {
            JobResult job = only(source, plan(silent.port(), 1, false, 300));
            assertThat(job.error()).isEqualTo("timeout");
            assertThat(job.message()).isEqualTo("no data for 300 ms after 0 body bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void resolvesAndConnectsOverIpv6(String source) throws Exception {
        Assumptions.assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
        long payload = 100_000;
        try (PayloadServer server = PayloadServer.start(PayloadServer.Config.of("::1", 0, "/testpayload", payload),
                PayloadFile.ofSize(payload))) {
            ClientPlan plan = new ClientPlan("::1", server.port(), "/testpayload", 1, 4096, 2000, 10_000, null, 0,
                    true, 64 * 1024);
            JobResult job = only(source, plan);
            assertThat(job.error()).as(job.message()).isNull();
            assertThat(job.bodyBytes()).isEqualTo(payload);
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void badArgumentsSayFailAndExit(String source) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(build.program(source).toString(), "host=127.0.0.1", "port=x").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("FAIL\tbad port: x\n");
        assertThat(p.exitValue()).isEqualTo(2);
    }
}
