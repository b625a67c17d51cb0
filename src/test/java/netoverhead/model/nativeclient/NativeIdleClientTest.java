package netoverhead.model.nativeclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.http.IdleFrames;
import netoverhead.model.nativeclient.OperationsChildRun.Job;
import netoverhead.model.nativeclient.OperationsChildRun.Result;
import netoverhead.server.IdleCounts;
import netoverhead.server.PayloadServer;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/**
 * The C clients' idle conversation on loopback: against the embedded server, every measured ping the client counts
 * is an echo the server read and a round trip in the LAT line; against scripted servers that speak
 * http/IdleFrames, pings echoed byte for byte (frames split across writes included), counted by phase, START and
 * END said when a connection hears them, the RESULT frames in the LAT line, no read timeout while the server is
 * quiet, and the server's misbehaviour named as IdleConversation names it.
 */
class NativeIdleClientTest {
    private static final byte[] HEAD = ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
            + "Cache-Control: no-store\r\n\r\n");

    @TempDir
    static Path cache;
    static NativeBuild build;

    @BeforeAll
    static void compilerPresent() {
        build = new NativeBuild(cache, NativeBuild.COMPILERS);
        build.unavailableReason().ifPresent(reason -> Assumptions.abort("native clients unavailable: " + reason));
    }

    private static Result run(String source, ScriptedServer server, int connections, Map<String, String> keys)
            throws Exception {
        return run(source, server.port(), IdleFrames.helloPath(connections, 0, 0, "g"), connections, keys);
    }

    private static Result run(String source, int port, String path, int connections, Map<String, String> keys)
            throws Exception {
        Map<String, String> idle = new HashMap<>(Map.of("workload", "idle", "buffer", "1024"));
        idle.putAll(keys);
        Result result = OperationsChildRun.run(build.program(source), OperationsChildRun.args(port, path, connections,
                idle), 60);
        assertThat(result.exitCode()).isZero();
        assertThat(result.jobs()).extracting(Job::id).containsExactlyElementsOf(
                IntStream.range(0, connections).boxed().toList());
        assertThat(result.connectLatency()).as("no CLAT line for idle").isNull();
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void everyMeasuredPingIsAnEchoTheEmbeddedServerReadAndOneRoundTrip(String source) throws Exception {
        // 200 connections: two pings a second, so that the second of measured time holds some
        int connections = 200;
        String group = "native-" + source + "-" + ProcessHandle.current().pid();
        try (PayloadServer server = TestServers.embedded(128)) {
            Result result = run(source, server.port(), IdleFrames.helloPath(connections, 200, 1000, group), connections,
                    Map.of("read_timeout_ms", "300"));
            assertThat(result.lines().subList(0, 3)).containsExactly("READY", "START", result.lines().get(2));
            assertThat(result.windowNs()).isPositive();
            for (Job job : result.jobs()) {
                assertThat(job.error()).as("job %d: %s", job.id(), job.message()).isNull();
                assertThat(job.status()).isEqualTo(200);
            }
            long window = result.windowOps();
            long warmup = result.jobs().stream().mapToLong(Job::opsWarmup).sum();
            IdleCounts counts = server.idleCounts(group).orElseThrow();
            assertThat(counts.ended()).isTrue();
            assertThat(counts.hellos()).isEqualTo(connections);
            assertThat(counts.measuredEchoes()).isPositive().isEqualTo(window);
            assertThat(counts.warmupEchoes()).isEqualTo(warmup);
            assertThat(result.latencyCount()).isEqualTo(window);
        }
    }

    @Test
    void anIdleConnectionOfThePollClientCostsWellUnderHalfAKibibyte() throws Exception {
        try (PayloadServer server = TestServers.embedded(128)) {
            long few = residentAtStart(server, 10);
            long many = residentAtStart(server, 2010);
            assertThat((many - few) / 2000).as("bytes per idle connection beside the kernel's").isLessThan(400);
        }
    }

    /** The poll client's resident memory (VmRSS) in bytes when it says START with all its idle connections open. */
    private static long residentAtStart(PayloadServer server, int connections) throws Exception {
        String group = "memory-" + connections + "-" + ProcessHandle.current().pid();
        long[] resident = {-1};
        Result result = OperationsChildRun.run(build.program("poll.c"), OperationsChildRun.args(server.port(),
                IdleFrames.helloPath(connections, 100, 100, group), connections,
                Map.of("workload", "idle", "buffer", "1024")), 60, child -> resident[0] = vmRss(child.pid()));
        assertThat(result.jobs()).allSatisfy(job -> assertThat(job.error()).as(job.message()).isNull());
        assertThat(resident[0]).isPositive();
        return resident[0];
    }

    private static long vmRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException e) {
            // the child is gone: no reading
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void pingsAreEchoedAndCountedAndTheResultsAreTheLatencies(String source) throws Exception {
        // every connection: a warm-up ping and a measured one; the first also opens and closes the window and
        // reports three round trips of 1000 ns and one of 5000 ns
        ScriptedServer.Script script = (socket, out, index) -> {
            out.write(HEAD);
            ping(socket, out, IdleFrames.WARMUP_PING);
            if (index == 0) write(out, frame(IdleFrames.START, 0, 0));
            ping(socket, out, IdleFrames.MEASURED_PING);
            if (index == 0) {
                write(out, frame(IdleFrames.END, 0, 0));
                write(out, concat(frame(IdleFrames.RESULT, 3, 1000), frame(IdleFrames.RESULT, 1, 5000)));
            }
            write(out, frame(IdleFrames.BYE, 0, 0));
            awaitClose(socket);
        };
        try (ScriptedServer server = ScriptedServer.start(0, script)) {
            Result result = run(source, server, 3, Map.of());
            assertThat(result.lines().subList(0, 3)).containsExactly("READY", "START", result.lines().get(2));
            assertThat(result.lines().get(2)).startsWith("END\t");
            for (Job job : result.jobs()) {
                assertThat(job.error()).as(job.message()).isNull();
                assertThat(job.status()).isEqualTo(200);
                assertThat(job.opsWarmup()).isEqualTo(1);
                assertThat(job.opsWindow()).isEqualTo(1);
                assertThat(job.opsAfter()).isZero();
                assertThat(job.bodyBytes()).isZero();
                assertThat(job.sentNs()).isGreaterThanOrEqualTo(job.connectedNs());
            }
            assertThat(result.latencyCount()).isEqualTo(4);
            assertThat(result.latency()).hasSize(2);
            assertThat(result.latency().values()).containsExactly(3L, 1L);
            assertThat(result.latency().keySet()).allSatisfy(v -> assertThat(v).isBetween(990L, 5050L));
            assertThat(server.accepted()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void aQuietServerIsWaitedForLongerThanTheReadTimeout(String source) throws Exception {
        ScriptedServer.Script script = (socket, out, index) -> {
            out.write(HEAD);
            out.flush();
            Thread.sleep(600); // three read timeouts of the client's plan
            ping(socket, out, IdleFrames.WARMUP_PING);
            write(out, frame(IdleFrames.BYE, 0, 0));
            awaitClose(socket);
        };
        try (ScriptedServer server = ScriptedServer.start(0, script)) {
            Job job = run(source, server, 1, Map.of("read_timeout_ms", "200")).jobs().getFirst();
            assertThat(job.error()).as(job.message()).isNull();
            assertThat(job.opsWarmup()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void aMisbehavingServerIsNamedAsTheJavaConversationNamesIt(String source) throws Exception {
        String needs = ": idle needs netoverhead's own server (embedded, or netoverhead serve), which sends the heartbeats";
        assertFailure(source, (socket, out, index) -> out.write(ascii("HTTP/1.1 404 Not Found\r\n\r\n")), "status",
                "the server answered the idle hello with \"HTTP/1.1 404 Not Found\"" + needs);
        assertFailure(source, (socket, out, index) -> out.write(ascii("SSH-2.0-OpenSSH\r\n\r\n")), "protocol",
                "the server answered the idle hello with \"SSH-2.0-OpenSSH\"" + needs);
        assertFailure(source, (socket, out, index) -> {
            out.write(HEAD);
            ping(socket, out, IdleFrames.WARMUP_PING);
        }, "closed", "the server closed an idle connection without its goodbye, after 1 ping");
        assertFailure(source, (socket, out, index) -> {
            write(out, concat(HEAD, frame((byte) 'q', 0, 0)));
            awaitClose(socket);
        }, "protocol", "the server sent an idle frame of unknown type 113 after 0 pings");
        assertFailure(source, (socket, out, index) -> {
            write(out, concat(HEAD, frame(IdleFrames.BYE, 0, 0), ascii("abc")));
            awaitClose(socket);
        }, "protocol", "the server sent 3 bytes after its goodbye");
    }

    private static void assertFailure(String source, ScriptedServer.Script script, String kind, String message)
            throws Exception {
        try (ScriptedServer server = ScriptedServer.start(0, script)) {
            Result result = run(source, server, 1, Map.of());
            Job job = result.jobs().getFirst();
            assertThat(job.error()).isEqualTo(kind);
            assertThat(job.message()).isEqualTo(message);
            assertThat(result.lines()).contains("START", "LAT", "DONE");
        }
    }

    /** Writes a ping in two parts, so that the client reads a frame split across reads, and checks its echo. */
    private static void ping(Socket socket, OutputStream out, byte type) throws IOException, InterruptedException {
        byte[] ping = frame(type, 7, System.nanoTime());
        write(out, Arrays.copyOfRange(ping, 0, 5));
        Thread.sleep(5);
        write(out, Arrays.copyOfRange(ping, 5, IdleFrames.BYTES));
        byte[] echo = new byte[IdleFrames.BYTES];
        new DataInputStream(socket.getInputStream()).readFully(echo);
        if (!Arrays.equals(echo, ping)) throw new IOException("the echo differs from its ping"); // closes: no goodbye
    }

    private static void awaitClose(Socket socket) throws IOException {
        if (socket.getInputStream().read() >= 0) throw new IOException("the client sent more than its echoes");
    }

    private static byte[] frame(byte type, int narrow, long wide) {
        ByteBuffer frame = ByteBuffer.allocate(IdleFrames.BYTES);
        IdleFrames.put(frame, type, narrow, wide);
        return frame.array();
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    private static byte[] concat(byte[]... parts) {
        return ScriptedServer.concat(parts);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
