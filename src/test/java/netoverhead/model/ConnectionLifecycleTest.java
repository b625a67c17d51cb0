package netoverhead.model;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.http.IdleFrames;
import netoverhead.http.ResponseParser;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;
import netoverhead.testing.TestServers;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;

/**
 * The JDK's models (threaded, virtual, poll, poll-loops, NIO.2), run in this JVM against a loopback server that
 * follows a script: an idle connection outwaits the read timeout that ends a connection awaiting a response, and churn's
 * reconnect fails the job as the connect says (refused, or past the connect timeout), after the connections
 * before it were counted.
 */
@Timeout(60)
class ConnectionLifecycleTest {
    private static final int READ_TIMEOUT_MS = 150;
    private static final int CONNECT_TIMEOUT_MS = 300;
    /**
     * Longer than the server takes to fill its accept queue, or to see its listener refuse, which it does while the
     * client awaits its answer.
     */
    private static final int LONG_READ_TIMEOUT_MS = 5_000;
    private static final int SERVER_SO_TIMEOUT_MS = 10_000;
    private static final String IDLE_HEAD =
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nCache-Control: no-store\r\n\r\n";
    private static final String CLOSING_ANSWER =
            "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd";

    /** What the server does with its one connection, once it has read the request head. */
    @FunctionalInterface
    private interface Script {
        void serve(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    static Stream<Named<JvmModel>> models() {
        return Stream.<JvmModel>of(new ThreadedModel(), new VirtualModel(), new PollModel(), new PollLoopsModel(), new Nio2Model())
                .map(m -> Named.of(m.name(), m));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void anIdleConnectionWaitsPastTheReadTimeoutAndEchoesThePing(JvmModel model) throws Exception {
        byte[] ping = frame(IdleFrames.MEASURED_PING, 7, 123_456_789L);
        byte[] echo = new byte[IdleFrames.BYTES];
        try (ServerSocket listener = listener(50)) {
            AtomicReference<Throwable> serverError = new AtomicReference<>();
            Thread server = serveOne(listener, serverError, (in, out) -> {
                out.write(IDLE_HEAD.getBytes(ISO_8859_1));
                out.flush();
                // silent for several read timeouts: a connection awaiting a response would have timed out
                Thread.sleep(4L * READ_TIMEOUT_MS);
                out.write(ping);
                out.flush();
                assertThat(in.readNBytes(echo, 0, echo.length)).isEqualTo(echo.length);
                out.write(frame(IdleFrames.BYE, 0, 0));
                out.flush();
                assertThat(in.read()).as("the client closes after the goodbye").isEqualTo(-1);
            });
            JobRecord job = run(model, listener, IdleFrames.helloPath(1, 0, 0, "g1"), new WorkloadPlan(
                    WorkloadKind.IDLE, 1, 0, 0, 0, 0));
            server.join();
            assertThat(serverError.get()).isNull();
            assertThat(job.error).as("%s", job.message).isNull();
            assertThat(job.status).isEqualTo(200);
            assertThat(job.opsWindow).isEqualTo(1);
            assertThat(echo).isEqualTo(ping);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aConnectionAwaitingAResponseFromASilentServerTimesOut(JvmModel model) throws Exception {
        try (ServerSocket listener = listener(50)) {
            AtomicReference<Throwable> serverError = new AtomicReference<>();
            Thread server = serveOne(listener, serverError, (in, out) -> {
                // the same silence as above, with a request awaiting its answer
                Thread.sleep(4L * READ_TIMEOUT_MS);
            });
            JobRecord job = run(model, listener, "/rr/4", WorkloadPlan.BULK);
            server.join();
            assertThat(serverError.get()).isNull();
            assertThat(job.error).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(job.message).startsWith("no data for " + READ_TIMEOUT_MS + " ms");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aRefusedReconnectFailsTheJobAfterTheConnectionBeforeIt(JvmModel model) throws Exception {
        ServerSocket listener = listener(50);
        try (listener) {
            AtomicReference<Throwable> serverError = new AtomicReference<>();
            Thread server = serveOne(listener, serverError, (in, out) -> {
                // nothing listens on the port once the client reads the close: its next connect is refused
                TestServers.stopListening(listener);
                out.write(CLOSING_ANSWER.getBytes(ISO_8859_1));
                out.flush();
            });
            JobRecord job = run(model, listener, "/rr/4", churn(), LONG_READ_TIMEOUT_MS);
            server.join();
            assertThat(serverError.get()).isNull();
            assertThat(job.error).as("%s", job.message).isEqualTo(ErrorKind.CONNECT);
            assertThat(job.opsWindow).isEqualTo(1);
            assertThat(job.bodyBytes).isEqualTo(4);
            assertThat(job.endAt).isNotNegative();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aReconnectThatIsNeverAcceptedFailsAsAConnectTimeout(JvmModel model) throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket listener = listener(1)) {
            AtomicReference<Throwable> serverError = new AtomicReference<>();
            Thread server = serveOne(listener, serverError, (in, out) -> {
                // the listener's accept queue full, the kernel drops the next connect's SYN: it never completes
                fillAcceptQueue(listener, fillers);
                out.write(CLOSING_ANSWER.getBytes(ISO_8859_1));
                out.flush();
            });
            JobRecord job = run(model, listener, "/rr/4", churn(), LONG_READ_TIMEOUT_MS);
            server.join();
            assertThat(serverError.get()).isNull();
            assertThat(job.error).as("%s", job.message).isEqualTo(ErrorKind.TIMEOUT);
            assertThat(job.message).isEqualTo("connect timed out after " + CONNECT_TIMEOUT_MS + " ms");
            assertThat(job.opsWindow).isEqualTo(1);
        } finally {
            for (Socket s : fillers) s.close();
        }
    }

    /** Churn, five connections of one request each. */
    private static WorkloadPlan churn() {
        return new WorkloadPlan(WorkloadKind.CHURN, 1, 0, 0, 0, 5, 1);
    }

    private static JobRecord run(JvmModel model, ServerSocket listener, String path, WorkloadPlan workload)
            throws InterruptedException {
        return run(model, listener, path, workload, READ_TIMEOUT_MS);
    }

    private static JobRecord run(JvmModel model, ServerSocket listener, String path, WorkloadPlan workload,
                                 int readTimeoutMs) throws InterruptedException {
        ClientPlan plan = new ClientPlan("127.0.0.1", listener.getLocalPort(), path, 1, 1024, CONNECT_TIMEOUT_MS,
                readTimeoutMs, null, 1, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, workload);
        JobRecord job = new JobRecord(0);
        model.run(plan, plan.newWorkload(System.nanoTime()), new JobRecord[] {job});
        return job;
    }

    private static ServerSocket listener(int backlog) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), backlog);
        return listener;
    }

    /** Accepts one connection, reads its request head and runs the script on it; what it throws is kept. */
    private static Thread serveOne(ServerSocket listener, AtomicReference<Throwable> error, Script script) {
        return Thread.ofPlatform().name("scripted-server").start(() -> {
            try {
                listener.setSoTimeout(SERVER_SO_TIMEOUT_MS);
                try (Socket socket = listener.accept()) {
                    socket.setSoTimeout(SERVER_SO_TIMEOUT_MS);
                    InputStream in = socket.getInputStream();
                    readHead(in);
                    script.serve(in, socket.getOutputStream());
                }
            } catch (Throwable t) {
                error.set(t);
            }
        });
    }

    private static void readHead(InputStream in) throws IOException {
        int tail = 0;
        for (int read = 0; tail != 0x0D0A0D0A; read++) {
            int b = in.read();
            if (b < 0 || read > 64 * 1024) throw new IOException("no request head");
            tail = (tail << 8) | b;
        }
    }

    /**
     * Connects sockets that the listener never accepts until one cannot connect: its SYN was dropped because the
     * accept queue is full. Bounded in count.
     */
    private static void fillAcceptQueue(ServerSocket listener, List<Socket> fillers) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            fillers.add(filler);
            try {
                filler.connect(listener.getLocalSocketAddress(), 200);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        throw new IOException("the accept queue of a listener with a backlog of 1 took 16 connections");
    }

    private static byte[] frame(byte type, int narrow, long wide) {
        ByteBuffer frame = ByteBuffer.allocate(IdleFrames.BYTES);
        IdleFrames.put(frame, type, narrow, wide);
        return frame.array();
    }
}
