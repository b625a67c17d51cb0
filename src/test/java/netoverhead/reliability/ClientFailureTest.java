package netoverhead.reliability;

import static netoverhead.testing.ScriptedServer.ascii;
import static netoverhead.testing.ScriptedServer.body;
import static netoverhead.testing.ScriptedServer.concat;
import static netoverhead.testing.ScriptedServer.okHead;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.model.Model;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.testing.OneIteration;
import netoverhead.testing.PacedServer;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/**
 * Every way a server can fail a client, against every model that runs here: each job must end, within its
 * timeouts, with the right error kind and a message that says what happened; never a hang, never a
 * truncated download counted as a fast one. Each test has a server and a child of its own, so two run at once.
 */
@Execution(ExecutionMode.CONCURRENT)
class ClientFailureTest {
    private static final String MODELS = "netoverhead.testing.OneIteration#availableModels";
    private static final int JOBS = 2;

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void connectionRefused(Model model) throws Exception {
        int port = TestServers.freePort(); // nothing listens there
        IterationResult r = OneIteration.run(model, OneIteration.plan("127.0.0.1", port, JOBS, 5000, 5000, false), 100);
        assertEveryJobFailed(r, "connect", "refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void addressThatNeverAnswersTimesOutOnConnect(Model model) throws Exception {
        try (OneIteration.FullBacklog silent = new OneIteration.FullBacklog()) {
            IterationResult r = OneIteration.run(model,
                    OneIteration.plan("127.0.0.1", silent.port(), JOBS, 700, 30_000, false), 100);
            assertEveryJobFailed(r, "timeout", "connect timed out after 700 ms");
            for (JobResult j : r.jobs()) assertThat(j.connectedNs()).isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void serverThatNeverSendsTimesOutOnRead(Model model) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(100, ScriptedServer.silent())) {
            IterationResult r = OneIteration.run(model,
                    OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 700, false), 100);
            assertEveryJobFailed(r, "timeout", "no data for 700 ms after 0 body bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void aBodyThatTricklesInForLongerThanTheReadTimeoutSucceeds(Model model) throws Exception {
        // five pieces 200 ms apart: never 500 ms without data, but 800 ms in all; every piece puts the timeout off
        try (PacedServer server = PacedServer.start(5000, 5, Duration.ofMillis(200))) {
            IterationResult r = OneIteration.run(model,
                    OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 500, false), 5000);
            assertEveryJobSucceeded(r, 5000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void closeMidBodyNamesBytesReceivedAndExpected(Model model) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(5000,
                ScriptedServer.raw(concat(okHead(5000), body(0, 1234))))) {
            IterationResult r = OneIteration.run(model, OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 5000, false), 5000);
            assertEveryJobFailed(r, "truncated", "connection closed after 1234 of 5000 body bytes");
            assertThat(r.figures().bytesReceived()).isEqualTo(JOBS * 1234L);
            assertThat(r.figures().bytesExpected()).isEqualTo(JOBS * 5000L);
            assertThat(r.figures().downloadS()).as("no download time from failed jobs").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void resetMidBodyNamesBytesReceivedAndExpected(Model model) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(5000, (s, out, i) -> {
            out.write(concat(okHead(5000), body(0, 1234)));
            out.flush();
            Thread.sleep(300); // let the client read what was sent before the reset
            s.setSoLinger(true, 0);
        })) {
            IterationResult r = OneIteration.run(model, OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 5000, false), 5000);
            assertEveryJobFailed(r, "io", "connection reset after 1234 of 5000 body bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void statusOtherThan200(Model model) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(100,
                ScriptedServer.raw(ascii("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy")))) {
            IterationResult r = OneIteration.run(model, OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 5000, false), 100);
            assertEveryJobFailed(r, "status", "HTTP 503 Service Unavailable");
            for (JobResult j : r.jobs()) assertThat(j.status()).isEqualTo(503);
        }
    }

    /** A server that answers every request with the same broken response, and what each job must say of it. */
    record BrokenResponse(String name, long payloadBytes, byte[] response, boolean verify, String kind, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BrokenResponse> brokenResponses() {
        String big = "X-Filler: " + "a".repeat(70_000) + "\r\n";
        return Stream.of(
                new BrokenResponse("body that is not the payload, with --verify", 3000,
                        concat(okHead(3000), body(1, 3000)), true, "corrupt", "body differs from the payload at byte "),
                new BrokenResponse("malformed status line", 100, ascii("SSH-2.0-OpenSSH_9.2\r\n"), false,
                        "protocol", "malformed status line: SSH-2.0-OpenSSH_9.2"),
                new BrokenResponse("malformed header", 100, ascii("HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\nhello"),
                        false, "protocol", "malformed header line: Content-Length 5"),
                new BrokenResponse("headers larger than the limit", 100,
                        concat(ascii("HTTP/1.1 200 OK\r\n" + big + "Content-Length: 100\r\n\r\n"), body(0, 100)), false,
                        "protocol", "response head larger than 65536 bytes"),
                new BrokenResponse("body longer than its Content-Length", 100, concat(okHead(100), body(0, 150)), false,
                        "protocol", "body longer than its Content-Length of 100 bytes"),
                new BrokenResponse("bad chunk size", 100, concat(
                        ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n"), body(0, 16),
                        ascii("\r\nzz\r\n"), body(16, 20)), false, "protocol", "bad chunk size: zz"),
                new BrokenResponse("chunk longer than its size", 100, concat(
                        ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n"), body(0, 12),
                        ascii("\r\n0\r\n\r\n")), false, "protocol", "chunk data longer than its size"));
    }

    static Stream<Arguments> modelsAndBrokenResponses() {
        List<BrokenResponse> cases = brokenResponses().toList();
        return OneIteration.availableModels().flatMap(model -> cases.stream().map(c -> Arguments.of(model, c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("modelsAndBrokenResponses")
    void aBrokenResponseFailsEveryJobWithItsKindAndMessage(Model model, BrokenResponse broken) throws Exception {
        try (ScriptedServer server = ScriptedServer.start(broken.payloadBytes(), ScriptedServer.raw(broken.response()))) {
            IterationResult r = OneIteration.run(model,
                    OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 5000, broken.verify()), broken.payloadBytes());
            assertEveryJobFailed(r, broken.kind(), broken.message());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void wellFormedChunkedBodyIsVerified(Model model) throws Exception {
        // the control for the chunk cases above: the same framing done right succeeds, every byte checked
        try (ScriptedServer server = ScriptedServer.start(100, ScriptedServer.raw(concat(
                ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n40;ext=1\r\n"), body(0, 64),
                ascii("\r\n24\r\n"), body(64, 36), ascii("\r\n0\r\nX-Trailer: yes\r\n\r\n"))))) {
            IterationResult r = OneIteration.run(model, OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 5000, true), 100);
            assertEveryJobSucceeded(r, 100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void connectionKeptOpenAfterTheBodyEndsTheJobAtContentLength(Model model) throws Exception {
        // the server never closes; a client that waited for the close would fail with a read timeout
        try (ScriptedServer server = ScriptedServer.start(3000,
                ScriptedServer.thenHold(concat(okHead(3000), body(0, 3000))))) {
            IterationResult r = OneIteration.run(model, OneIteration.plan("127.0.0.1", server.port(), JOBS, 5000, 1500, true), 3000);
            assertEveryJobSucceeded(r, 3000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void ipv6Target(Model model) throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        Assumptions.assumeTrue(NetworkInterface.getByInetAddress(v6) != null, "unavailable: no IPv6 loopback (::1) here");
        try (ScriptedServer server = ScriptedServer.start(v6, 2000, ScriptedServer.ok(2000))) {
            IterationResult r = OneIteration.run(model, OneIteration.plan("::1", server.port(), JOBS, 5000, 5000, true), 2000);
            assertEveryJobSucceeded(r, 2000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODELS)
    void hostNameTarget(Model model) throws Exception {
        InetAddress localhost = InetAddress.getByName("localhost");
        Assumptions.assumeTrue(localhost.isLoopbackAddress(), "unavailable: 'localhost' is not a loopback address here");
        try (ScriptedServer server = ScriptedServer.start(localhost, 2000, ScriptedServer.ok(2000))) {
            IterationResult r = OneIteration.run(model, OneIteration.plan("localhost", server.port(), JOBS, 5000, 5000, true), 2000);
            assertEveryJobSucceeded(r, 2000);
        }
    }

    private static void assertEveryJobFailed(IterationResult r, String kind, String message) {
        assertThat(r.failure()).as("the child itself ran to the end").isNull();
        assertThat(r.jobs()).hasSize(JOBS);
        for (JobResult j : r.jobs()) {
            assertThat(j.error()).as("kind of job %d (%s)", j.id(), j.message()).isEqualTo(kind);
            assertThat(j.message()).containsIgnoringCase(message);
            assertThat(j.endNs()).as("every job ended").isGreaterThanOrEqualTo(0);
        }
        assertThat(r.figures().errors()).isEqualTo(JOBS);
        assertThat(r.errorsByKind()).containsEntry(kind, JOBS);
    }

    private static void assertEveryJobSucceeded(IterationResult r, long bytes) {
        assertThat(r.failure()).isNull();
        assertThat(r.jobs()).hasSize(JOBS);
        for (JobResult j : r.jobs()) {
            assertThat(j.error()).as("job %d: %s", j.id(), j.message()).isNull();
            assertThat(j.bodyBytes()).isEqualTo(bytes);
            assertThat(j.status()).isEqualTo(200);
        }
        assertThat(r.figures().errors()).isZero();
        assertThat(r.figures().bytesReceived()).isEqualTo(r.figures().bytesExpected());
    }

}
