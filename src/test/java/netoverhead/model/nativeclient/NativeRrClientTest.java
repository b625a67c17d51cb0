package netoverhead.model.nativeclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.model.nativeclient.OperationsChildRun.Job;
import netoverhead.model.nativeclient.OperationsChildRun.Result;
import netoverhead.server.PayloadServer;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/**
 * The C clients' rr workload against real servers on loopback: keep-alive requests counted per phase, the
 * LAT line holding exactly the window's operations, the open loop sending every intended request, pipelined
 * responses read from one buffer in order, and a server that closes its connections named as such.
 */
class NativeRrClientTest {
    private static final long PAYLOAD = 128;

    @TempDir
    static Path cache;
    static NativeBuild build;

    @BeforeAll
    static void compilerPresent() {
        build = new NativeBuild(cache, NativeBuild.COMPILERS);
        build.unavailableReason().ifPresent(reason -> Assumptions.abort("native clients unavailable: " + reason));
    }

    private static Result run(String source, int port, String path, int connections, Map<String, String> keys)
            throws Exception {
        Result result = OperationsChildRun.run(build.program(source), OperationsChildRun.args(port, path, connections, keys), 60);
        assertThat(result.exitCode()).isZero();
        assertThat(result.jobs()).extracting(Job::id).containsExactlyElementsOf(
                IntStream.range(0, connections).boxed().toList());
        return result;
    }

    private static void assertClean(Job job) {
        assertThat(job.error()).as(job.message()).isNull();
        assertThat(job.status()).isEqualTo(200);
        assertThat(job.sentNs()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void requestsModeCountsExactlyNWindowOperationsPerConnection(String source) throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            Result result = run(source, server.port(), "/testpayload", 3,
                    Map.of("requests", "200", "warmup_ns", "50000000", "verify", "1"));
            assertThat(result.lines().subList(0, 3)).containsExactly("READY", "START", result.lines().get(2));
            assertThat(result.lines().get(2)).startsWith("END\t");
            assertThat(result.lines().getLast()).isEqualTo("DONE");
            for (Job job : result.jobs()) {
                assertClean(job);
                assertThat(job.opsWindow()).isEqualTo(200);
                assertThat(job.opsAfter()).isZero(); // one request in flight at the window's start completes in it
                assertThat(job.bodyBytes()).isEqualTo(PAYLOAD * job.ops());
                assertThat(job.contentLength()).isEqualTo(PAYLOAD);
            }
            assertThat(result.latencyCount()).isEqualTo(600);
            assertThat(result.windowNs()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void durationModeRecordsTheLatencyOfEveryWindowOperation(String source) throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            Result result = run(source, server.port(), "/testpayload", 2,
                    Map.of("warmup_ns", "100000000", "duration_ns", "300000000"));
            assertThat(result.windowNs()).isEqualTo(300_000_000L);
            for (Job job : result.jobs()) {
                assertClean(job);
                assertThat(job.opsWindow()).isPositive();
                assertThat(job.bodyBytes()).isEqualTo(PAYLOAD * job.ops());
            }
            assertThat(result.latencyCount()).isEqualTo(result.windowOps());
            assertThat(result.latency().keySet()).allSatisfy(v -> assertThat(v).isPositive());
            assertThat(new ArrayList<>(result.latency().keySet())).isSorted();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void theOpenLoopSendsEveryIntendedRequestBeforeTheWindowsEnd(String source) throws Exception {
        try (PayloadServer server = TestServers.embedded(PAYLOAD)) {
            // 1000 requests per second over 2 connections: each sends every 2 ms, connection 1 staggered by 1 ms,
            // so 300 ms of warm-up and window hold exactly 150 intended times per connection
            Result result = run(source, server.port(), "/testpayload", 2,
                    Map.of("rate", "1000", "warmup_ns", "100000000", "duration_ns", "200000000"));
            for (Job job : result.jobs()) {
                assertClean(job);
                assertThat(job.ops()).isEqualTo(150);
                assertThat(job.opsWindow()).isPositive();
            }
            assertThat(result.latencyCount()).isEqualTo(result.windowOps());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void pipelinedResponsesInOneBufferAreMatchedInOrder(String source) throws Exception {
        try (BatchingServer server = new BatchingServer(4)) {
            Result result = run(source, server.port(), "/rr", 2, Map.of("pipeline", "4", "requests", "40"));
            for (Job job : result.jobs()) {
                assertClean(job);
                assertThat(job.opsWindow()).isEqualTo(40);
                assertThat(job.ops()).isEqualTo(40);
                assertThat(job.bodyBytes()).isEqualTo(server.bodyBytes(40)); // bodies of 1, 2, 3, 4 bytes, ten times
                assertThat(job.contentLength()).isEqualTo(4); // the last response is the fourth of its batch
            }
            assertThat(server.answered()).isEqualTo(80);
            assertThat(result.latencyCount()).isEqualTo(80);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void aServerThatClosesAfterEachResponseIsAClosedFailure(String source) throws Exception {
        String closed = "the server closed the connection after 1 response; rr needs keep-alive (Connection: close)";
        for (String response : List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx")) {
            try (ScriptedServer server = ScriptedServer.start(0, ScriptedServer.raw(ascii(response)))) {
                Result result = run(source, server.port(), "/rr", 2, Map.of("requests", "10"));
                for (Job job : result.jobs()) {
                    assertThat(job.error()).as(response).isEqualTo("closed");
                    assertThat(job.message()).as(response).isEqualTo(closed);
                    assertThat(job.opsWindow()).isEqualTo(1);
                }
                assertThat(result.latencyCount()).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void aResponseDelimitedByClosingIsRefused(String source) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(0, ScriptedServer.raw(ascii("HTTP/1.1 200 OK\r\n\r\nabc")))) {
            Result result = run(source, server.port(), "/rr", 1, Map.of("requests", "10"));
            Job job = result.jobs().getFirst();
            assertThat(job.error()).isEqualTo("protocol");
            assertThat(job.message()).isEqualTo("the server sent a response delimited by closing the connection; "
                    + "rr needs Content-Length or chunked responses");
            assertThat(job.ops()).isZero();
            assertThat(result.lines()).contains("LAT");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void badRrArgumentsSayFailAndExit(String source) throws Exception {
        assertFails(source, "FAIL\trr needs duration_ns > 0 or requests > 0\n", "workload=rr");
        assertFails(source, "FAIL\tbad pipeline: 0\n", "workload=rr", "requests=5", "pipeline=0");
        assertFails(source, "FAIL\tbad rate: -5\n", "workload=rr", "requests=5", "rate=-5");
        assertFails(source, "FAIL\tbad workload: crud (bulk, rr, churn or idle)\n", "workload=crud");
    }

    private static void assertFails(String source, String expected, String... keys) throws Exception {
        List<String> command = new ArrayList<>(List.of(build.program(source).toString(), "host=127.0.0.1",
                "port=1", "path=/", "connections=1", "buffer=4096", "connect_timeout_ms=100", "read_timeout_ms=100"));
        command.addAll(List.of(keys));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(expected);
        assertThat(p.exitValue()).isEqualTo(2);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
