package netoverhead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.harness.IterationRunner;
import netoverhead.http.ResponseParser;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.server.PayloadServer;
import netoverhead.server.ServerHandle;
import netoverhead.testing.CannedServer;
import netoverhead.testing.TestServers;

/**
 * Every model in the registry, run as the tool runs it (a real child process through the harness) against
 * real servers on loopback: the embedded payload server for good and 404 answers, small misbehaving
 * servers for the rest. A model unavailable here is skipped with its reason. Each test has a child of its own,
 * so two run at once.
 */
@Timeout(120)
@Execution(ExecutionMode.CONCURRENT)
class ModelConformanceTest {
    private static final int CONNECTIONS = 3;
    /** Smaller than the larger payload, so that a body arrives over many reads of every model. */
    private static final int BUFFER = 8 * 1024;
    private static final Map<Long, PayloadServer> SERVERS = new HashMap<>();

    private static final IterationRunner RUNNER = new IterationRunner(new IterationRunner.Options(
            Duration.ofMillis(10), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90)));

    static Stream<Named<Model>> models() {
        return ModelRegistry.all().stream().map(m -> Named.of(m.name(), m));
    }

    static Stream<Arguments> modelsAndSizes() {
        return ModelRegistry.all().stream().flatMap(m -> Stream.of(0L, 1L, 100_003L)
                .map(size -> Arguments.of(Named.of(m.name(), m), Named.of(size + " B", size))));
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(PayloadServer::close);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("modelsAndSizes")
    void deliversTheExactBody(Model model, long size) throws Exception {
        PayloadServer server = embedded(size);
        IterationResult result = run(model, plan(server.port(), "/testpayload", CONNECTIONS, 10_000, true), size);

        assertThat(result.failure()).isNull();
        assertThat(result.jobs()).hasSize(CONNECTIONS);
        for (JobResult job : result.jobs()) {
            assertThat(job.error()).as("job %d: %s", job.id(), job.message()).isNull();
            assertThat(job.status()).isEqualTo(200);
            assertThat(job.contentLength()).isEqualTo(size);
            assertThat(job.bodyBytes()).isEqualTo(size);
            assertTimings(job);
        }
        assertThat(result.jobs()).extracting(JobResult::id).containsExactlyInAnyOrder(0, 1, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void readsAChunkedBody(Model model) throws Exception {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 'x');
        // split inside the head, inside a chunk size line and inside chunk data
        List<byte[]> pieces = List.of(
                ascii("HTTP/1.1 200 OK\r\nTransfer-"),
                ascii("Encoding: chunked\r\nConnection: close\r\n\r\n5;name=value\r\nhello\r\n13"),
                concat(ascii("88\r\n"), Arrays.copyOf(big, 1000)),
                concat(Arrays.copyOfRange(big, 1000, 5000), ascii("\r\n0\r\nX-Trailer: yes\r\n\r\n")));
        try (CannedServer server = CannedServer.answering(pieces)) {
            IterationResult result = run(model, plan(server.port(), "/testpayload", 2, 10_000, false), 5 + 0x1388);
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(2);
            for (JobResult job : result.jobs()) {
                assertThat(job.error()).as("job %d: %s", job.id(), job.message()).isNull();
                assertThat(job.bodyBytes()).isEqualTo(5 + 0x1388);
                assertTimings(job);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aBodyShorterThanItsContentLengthIsAnError(Model model) throws Exception {
        List<byte[]> pieces = List.of(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"), new byte[400]);
        try (CannedServer server = CannedServer.answering(pieces)) {
            IterationResult result = run(model, plan(server.port(), "/testpayload", 2, 10_000, false), 1000);
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(2).allSatisfy(job -> {
                assertThat(job.error()).isEqualTo("truncated");
                assertThat(job.message()).contains("400 of 1000");
                assertThat(job.bodyBytes()).isEqualTo(400);
                assertThat(job.downloadNs()).isEqualTo(-1);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aRefusedConnectionIsAnErrorWithItsReason(Model model) throws Exception {
        int closedPort = TestServers.freePort();
        IterationResult result = run(model, plan(closedPort, "/testpayload", 2, 10_000, false), 1000);
        assertThat(result.failure()).isNull();
        assertThat(result.jobs()).hasSize(2).allSatisfy(job -> {
            assertThat(job.error()).isEqualTo("connect");
            assertThat(job.message()).containsIgnoringCase("refused");
            assertThat(job.connectedNs()).isEqualTo(-1);
            assertThat(job.socketCreateNs()).isPositive();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aNotFoundAnswerIsAnError(Model model) throws Exception {
        PayloadServer server = embedded(1000);
        IterationResult result = run(model, plan(server.port(), "/nothing-here", 2, 10_000, false), 1000);
        assertThat(result.failure()).isNull();
        assertThat(result.jobs()).hasSize(2).allSatisfy(job -> {
            assertThat(job.error()).isEqualTo("status");
            assertThat(job.message()).contains("404");
            assertThat(job.status()).isEqualTo(404);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aSilentServerTimesOut(Model model) throws Exception {
        try (CannedServer server = CannedServer.silent()) {
            IterationResult result = run(model, plan(server.port(), "/testpayload", 2, 700, false), 1000);
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(2).allSatisfy(job -> {
                assertThat(job.error()).isEqualTo("timeout");
                assertThat(job.message()).contains("700 ms");
                assertThat(job.requestSentNs()).isPositive();
                // it gave up because of the timeout, not long before it (models may start the clock a
                // moment before the request is out, so allow a margin below 700 ms)
                assertThat(job.endNs() - job.requestSentNs()).isGreaterThanOrEqualTo(600_000_000L);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aConnectThatHangsTimesOut(Model model) throws Exception {
        assumeTrue(model.availability().available(), () -> model.name() + " " + model.availability());
        // a listener that never accepts, its backlog filled: the kernel drops further SYNs, so a connect hangs
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            boolean hangs = false;
            for (int i = 0; i < 16 && !hangs; i++) {
                Socket s = new Socket();
                try {
                    s.connect(address, 300);
                    fillers.add(s);
                } catch (SocketTimeoutException e) {
                    s.close();
                    hangs = true;
                }
            }
            assumeTrue(hangs, "this kernel does not hold back a connect to a full backlog");
            ClientPlan plan = new ClientPlan("127.0.0.1", full.getLocalPort(), "/testpayload", 2, BUFFER, 700, 10_000,
                    null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES);
            IterationResult result = run(model, plan, 1000);
            assertThat(result.failure()).isNull();
            assertThat(result.jobs()).hasSize(2).allSatisfy(job -> {
                assertThat(job.error()).isEqualTo("timeout");
                assertThat(job.message()).contains("connect").contains("700 ms");
                assertThat(job.connectedNs()).isEqualTo(-1);
            });
        } finally {
            for (Socket s : fillers) s.close();
        }
    }

    /** Every step of a successful job happened, in order, and took time. */
    private static void assertTimings(JobResult job) {
        assertThat(job.socketStartNs()).as("socket start").isNotNegative();
        assertThat(job.socketCreateNs()).as("socket creation").isPositive();
        assertThat(job.setupNs()).as("job setup").isPositive();
        assertThat(job.connectedNs()).as("connected").isGreaterThan(job.socketStartNs());
        assertThat(job.requestSentNs()).as("request sent").isGreaterThanOrEqualTo(job.connectedNs());
        assertThat(job.endNs()).as("end").isGreaterThan(job.requestSentNs());
        assertThat(job.downloadNs()).as("download").isPositive();
    }

    private static IterationResult run(Model model, ClientPlan plan, long payloadBytes) throws InterruptedException {
        Availability availability = model.availability();
        assumeTrue(availability.available(), () -> model.name() + " " + availability);
        ServerHandle handle = TestServers.handle("test server", payloadBytes);
        return RUNNER.run(model, plan, 1, payloadBytes, handle, bytes -> { });
    }

    private static ClientPlan plan(int port, String path, int connections, int readTimeoutMs, boolean verify) {
        return new ClientPlan("127.0.0.1", port, path, connections, BUFFER, 5_000, readTimeoutMs, null, 0, verify,
                ResponseParser.DEFAULT_MAX_HEAD_BYTES);
    }

    private static synchronized PayloadServer embedded(long size) throws Exception {
        PayloadServer server = SERVERS.get(size);
        if (server == null) {
            server = TestServers.embedded(size);
            SERVERS.put(size, server);
        }
        return server;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
