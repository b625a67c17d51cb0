package netoverhead.model.nativeclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
 * The C clients' churn workload against real servers on loopback: every connection the server accepts is one
 * the client counts, requests per connection all answered, one transaction latency (LAT) and one connect latency
 * (CLAT) per window connection, and a server that closes too early named as ChurnConversation names it.
 */
class NativeChurnClientTest {
    private static final long BODY = 128;

    @TempDir
    static Path cache;
    static NativeBuild build;

    @BeforeAll
    static void compilerPresent() {
        build = new NativeBuild(cache, NativeBuild.COMPILERS);
        build.unavailableReason().ifPresent(reason -> Assumptions.abort("native clients unavailable: " + reason));
    }

    private static Result run(String source, int port, int connections, Map<String, String> keys) throws Exception {
        Map<String, String> churn = new HashMap<>(keys);
        churn.put("workload", "churn");
        Result result = OperationsChildRun.run(build.program(source),
                OperationsChildRun.args(port, "/rr/" + BODY, connections, churn), 60);
        assertThat(result.exitCode()).isZero();
        assertThat(result.jobs()).extracting(Job::id).containsExactlyElementsOf(
                IntStream.range(0, connections).boxed().toList());
        assertThat(result.connectLatency()).as("the CLAT line").isNotNull();
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void aFixedNumberOfConnectionsIsExactlyThatManyEachWithItsLatencies(String source) throws Exception {
        try (PayloadServer server = TestServers.embedded(BODY)) {
            Result result = run(source, server.port(), 3, Map.of("requests", "20", "warmup_ns", "50000000"));
            long connections = 0;
            for (Job job : result.jobs()) {
                assertThat(job.error()).as(job.message()).isNull();
                assertThat(job.status()).isEqualTo(200);
                assertThat(job.contentLength()).isEqualTo(BODY);
                assertThat(job.opsWindow()).isEqualTo(20);
                assertThat(job.opsAfter()).isZero();
                assertThat(job.bodyBytes()).isEqualTo(BODY * job.ops());
                connections += job.ops();
            }
            assertThat(server.accepted()).isEqualTo(connections);
            assertThat(result.latencyCount()).isEqualTo(60);
            assertThat(result.connectLatencyCount()).isEqualTo(60);
            assertThat(result.connectLatency().keySet()).allSatisfy(v -> assertThat(v).isPositive());
            // a connection's transaction (connect, request, response) holds its connect
            assertThat(max(result.latency())).isGreaterThanOrEqualTo(min(result.connectLatency()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void severalRequestsPerConnectionAreAllAnsweredBeforeTheServerCloses(String source) throws Exception {
        try (PayloadServer server = TestServers.embedded(BODY)) {
            Result result = run(source, server.port(), 2, Map.of("requests", "10", "requests_per_connection", "3"));
            for (Job job : result.jobs()) {
                assertThat(job.error()).as(job.message()).isNull();
                assertThat(job.opsWindow()).isEqualTo(10);
                assertThat(job.bodyBytes()).isEqualTo(3 * BODY * job.ops());
            }
            assertThat(server.accepted()).isEqualTo(20);
            assertThat(result.latencyCount()).isEqualTo(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void aWindowOfTimeCountsEveryConnectionTheServerAccepted(String source) throws Exception {
        try (PayloadServer server = TestServers.embedded(BODY)) {
            Result result = run(source, server.port(), 2, Map.of("warmup_ns", "100000000", "duration_ns", "300000000"));
            assertThat(result.windowNs()).isEqualTo(300_000_000L);
            long connections = 0;
            for (Job job : result.jobs()) {
                assertThat(job.error()).as(job.message()).isNull();
                assertThat(job.opsWindow()).isPositive();
                connections += job.ops();
            }
            assertThat(server.accepted()).isEqualTo(connections);
            assertThat(result.latencyCount()).isEqualTo(result.windowOps());
            assertThat(result.connectLatencyCount()).isEqualTo(result.windowOps());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void aServerThatClosesTooEarlyIsAClosedFailure(String source) throws Exception {
        assertFailure(source, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx", 2, "closed",
                "the server closed the connection after 1 of 2 requests (it answered with Connection: close)");
        assertFailure(source, "", 1, "closed", "the server closed the connection after 0 of 1 request without answering");
        assertFailure(source, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 1, "truncated",
                "connection closed after 3 of 10 body bytes");
        assertFailure(source, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxabc", 1, "protocol",
                "the server sent 3 bytes that answer no request, on a connection after 1 connections");
    }

    private static void assertFailure(String source, String response, int perConnection, String kind, String message)
            throws Exception {
        try (ScriptedServer server = ScriptedServer.start(0, ScriptedServer.raw(response.getBytes(StandardCharsets.ISO_8859_1)))) {
            Result result = run(source, server.port(), 1, Map.of("requests", "5",
                    "requests_per_connection", Integer.toString(perConnection)));
            Job job = result.jobs().getFirst();
            assertThat(job.error()).as(response).isEqualTo(kind);
            assertThat(job.message()).as(response).isEqualTo(message);
            assertThat(server.accepted()).isEqualTo(1); // a failed connection ends the job
            assertThat(result.connectLatencyCount()).isEqualTo(job.opsWindow());
        }
    }

    private static long max(Map<Long, Long> buckets) {
        return buckets.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static long min(Map<Long, Long> buckets) {
        return buckets.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
    }
}
