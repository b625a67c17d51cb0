package netoverhead.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import netoverhead.config.Size;
import netoverhead.payload.PayloadFile;
import netoverhead.process.ParentPipe;
import netoverhead.process.TerminalInterrupt;
import netoverhead.server.PayloadServer;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the payload over HTTP/1.x until stopped: GET and HEAD of one path (sendfile for the "
                + "body), /rr/<bytes> bodies of any size, and idle's heartbeats (/idle/...).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "8000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--payload", defaultValue = "${env:TEST_PAYLOAD:-200}", converter = Converters.SizeConverter.class,
            description = "Payload size: bytes with a KiB, MiB, GiB or TiB suffix; a bare number is MiB (default: ${DEFAULT-VALUE}).")
    Size payload;

    @Option(names = "--path", defaultValue = "/testpayload", description = "Path of the payload (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--loops", defaultValue = "0", description = "Event loops; 0 means one per core.")
    int loops;

    @Option(names = "--header-timeout", paramLabel = "DURATION", converter = Converters.MillisConverter.class,
            description = "Close a connection whose request head has not arrived whole after this long "
                    + "(slow or stalled clients; default: 10s).")
    Integer headerTimeoutMs;

    @Option(names = "--quiet", description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UsageException("--port must be between 0 and 65535, not " + port);
        if (!path.startsWith("/")) throw new UsageException("--path must start with '/'");
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: cannot resolve '" + bind + "'");
        }
        if (!address.isLoopbackAddress()) {
            System.err.println("netoverhead serve: warning: listening on " + bind
                    + ", which is reachable from the network; anyone who can reach it can download the payload");
        }
        if (Boolean.getBoolean(TerminalInterrupt.OWNED_PROPERTY)) {
            // a run owns this server: it stops it, not Ctrl-C, and the server ends with the run however the
            // run ends (its stdin is the run's pipe, closed by the kernel when the run dies)
            TerminalInterrupt.ignore();
            ParentPipe.watch(System.in);
        }
        Path file = PayloadFile.ofSize(payload.bytes());
        PayloadServer.Config base = PayloadServer.Config.of(bind, port, path, payload.bytes());
        PayloadServer.Config config = new PayloadServer.Config(base.bind(), base.port(), base.path(), base.payloadBytes(),
                loops > 0 ? loops : base.loops(), base.backlog(),
                headerTimeoutMs != null ? headerTimeoutMs : base.headerTimeoutMillis(), base.sendTimeoutMillis(),
                base.maxRequestLineBytes(), base.maxHeadBytes());
        PayloadServer server = PayloadServer.start(config, file);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        if (!quiet) {
            String host = bind.contains(":") ? "[" + bind + "]" : bind;
            System.err.println("netoverhead serve: listening on http://" + host + ":" + server.port() + path
                    + " (" + payload + " payload, " + config.loops() + " event loops); Ctrl-C stops");
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
