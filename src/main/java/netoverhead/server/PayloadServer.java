package netoverhead.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded payload server: answers GET and HEAD of one path with a payload of deterministic content, and of
 * {@code /rr/<bytes>} ({@link RrPath}) with a body of that many bytes of the same content, HTTP/1.0 and 1.1 with
 * keep-alive and pipelining, from a few event loops fed by one accepting thread. It speaks the idle workload too
 * (http/IdleFrames): a hello of {@link IdlePath} joins its connection to an idle group, whose heartbeat pings it. It exists so that a benchmark
 * needs nothing installed, and it must never be the bottleneck. It counts the responses it has written whole
 * ({@link #answered()}), and says how many when it is closed.
 */
public final class PayloadServer implements AutoCloseable {
    /** How the server behaves; the limits protect it from slow or hostile clients. */
    public record Config(String bind, int port, String path, long payloadBytes, int loops, int backlog,
                         long headerTimeoutMillis, long sendTimeoutMillis, int maxRequestLineBytes, int maxHeadBytes) {
        public static Config of(String bind, int port, String path, long payloadBytes) {
            return new Config(bind, port, path, payloadBytes, Runtime.getRuntime().availableProcessors(), 16384,
                    10_000, 60_000, 8 * 1024, 16 * 1024);
        }
    }

    /** What the line said on closing begins with, before the count: "netoverhead serve: answered 1234 requests". */
    static final String ANSWERED_PREFIX = "netoverhead serve: answered ";

    private final Config config;
    private final ServerSocketChannel listener;
    private final FileChannel payload;
    private final List<ServerLoop> loops = new ArrayList<>();
    private final List<Thread> loopThreads = new ArrayList<>();
    private final IdleGroups idle = new IdleGroups();
    private final Thread acceptor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long accepted; // written by the acceptor's thread only

    private PayloadServer(Config config, ServerSocketChannel listener, FileChannel payload) {
        this.config = config;
        this.listener = listener;
        this.payload = payload;
        this.acceptor = Thread.ofPlatform().name("netoverhead-accept").unstarted(this::accept);
    }

    /** Binds and starts serving; a port in use is a {@link BindException} with a message that says so. */
    public static PayloadServer start(Config config, Path payloadFile) throws IOException {
        FileChannel payload = FileChannel.open(payloadFile, StandardOpenOption.READ);
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), config.backlog());
        } catch (IOException e) {
            listener.close();
            payload.close();
            if (e instanceof BindException) {
                throw new BindException("cannot listen on " + config.bind() + ":" + config.port() + ": "
                        + e.getMessage() + " (is another server running there? choose one with --port)");
            }
            throw e;
        }
        PayloadServer server = new PayloadServer(config, listener, payload);
        for (int i = 0; i < Math.max(1, config.loops()); i++) {
            // a channel of its own per loop: threads sharing one FileChannel serialise on its bookkeeping
            ServerLoop loop = new ServerLoop(config, FileChannel.open(payloadFile, StandardOpenOption.READ),
                    server.idle);
            server.loops.add(loop);
            server.loopThreads.add(Thread.ofPlatform().name("netoverhead-serve-" + i).start(loop));
        }
        server.acceptor.start();
        return server;
    }

    /** The port actually bound (useful when asked for port 0). */
    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            return config.port();
        }
    }

    /** How many responses the server has written whole so far, every status and path counted; any thread may ask. */
    public long answered() {
        long total = 0;
        for (ServerLoop loop : loops) total += loop.answered();
        return total;
    }

    /**
     * What the server has done so far for the idle group of that name (pings, echoes, RESULT counts, connections,
     * whether it ended), live or among the last ones finished; empty when it knows no such group. Any thread may ask.
     */
    public Optional<IdleCounts> idleCounts(String group) {
        return idle.counts(group);
    }

    /** How many connections the server has accepted so far; any thread may ask. */
    public long accepted() {
        return accepted;
    }

    public Config config() {
        return config;
    }

    private void accept() {
        int next = 0;
        while (listener.isOpen()) {
            try {
                SocketChannel channel = listener.accept();
                accepted++;
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                loops.get(next).hand(channel);
                next = (next + 1) % loops.size();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // out of file descriptors, say: back off briefly rather than spin, and keep serving
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Stops serving, and says on standard error how many responses were written whole (one line). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        idle.close(); // the heartbeat first: no frame is written to a connection being closed
        for (ServerLoop loop : loops) loop.stop();
        try {
            acceptor.join(2000);
            for (Thread thread : loopThreads) thread.join(2000); // so that the count below is final
            payload.close();
        } catch (IOException | InterruptedException ignored) {
            // closing
        }
        long answered = answered();
        System.err.println(ANSWERED_PREFIX + answered + (answered == 1 ? " request" : " requests"));
    }
}
