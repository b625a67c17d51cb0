package netoverhead.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;

import netoverhead.harness.IterationRunner;
import netoverhead.harness.RunSpec;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.server.ExistingServer;

/**
 * Runs one iteration of a model as the harness does (a fresh child process, watched from outside) against
 * any server, for tests that look at what each job recorded. Works for every kind of model.
 */
public final class OneIteration {
    private OneIteration() {}

    /** Every model that can run here, named for test reports; models added to the registry join in. */
    public static Stream<Named<Model>> availableModels() {
        return ModelRegistry.all().stream().filter(m -> m.availability().available()).map(m -> Named.of(m.name(), m));
    }

    public static ClientPlan plan(String host, int port, int connections, int connectTimeoutMs, int readTimeoutMs,
                                  boolean verify) {
        return new ClientPlan(host, port, "/testpayload", connections, ClientPlan.DEFAULT_BUFFER, connectTimeoutMs,
                readTimeoutMs, null, 0, verify, ResponseParser.DEFAULT_MAX_HEAD_BYTES);
    }

    public static IterationResult run(Model model, ClientPlan plan, long payloadBytes) throws InterruptedException {
        IterationRunner runner = new IterationRunner(new IterationRunner.Options(Duration.ofMillis(10), List.of(),
                RunSpec.START_TIMEOUT, Duration.ofMillis(plan.connectTimeoutMs() + plan.readTimeoutMs())
                .plus(RunSpec.STALL_MARGIN), Duration.ZERO));
        return runner.run(model, plan, 1, payloadBytes, new ExistingServer("scripted", payloadBytes), bytes -> { });
    }

    /**
     * A listening socket whose accept queue is full and that never accepts: the kernel drops further SYNs,
     * so a connect to it neither succeeds nor fails, the way an address that never answers behaves.
     */
    public static final class FullBacklog implements AutoCloseable {
        private final ServerSocket listener;
        private final List<SocketChannel> fillers = new ArrayList<>();

        public FullBacklog() throws IOException, InterruptedException {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            for (int i = 0; i < 4; i++) {
                SocketChannel c = SocketChannel.open();
                c.configureBlocking(false);
                c.connect(listener.getLocalSocketAddress());
                fillers.add(c);
            }
            Thread.sleep(200); // let the handshakes that fit complete
        }

        public int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (SocketChannel c : fillers) c.close();
            listener.close();
        }
    }
}
