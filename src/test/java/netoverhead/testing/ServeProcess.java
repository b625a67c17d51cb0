package netoverhead.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import netoverhead.process.ProcFs;
import netoverhead.server.HttpProbe;

/** {@code netoverhead serve} in a process of its own, so that a test can read its RSS and open files. */
public final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final ProcFs proc;
    private final int port;
    private final Path log;

    private ServeProcess(Process process, int port, Path log) {
        this.process = process;
        this.proc = new ProcFs(process.pid());
        this.port = port;
        this.log = log;
    }

    /** Starts the server with these JVM options and serve options, and waits until it answers. */
    public static ServeProcess start(List<String> jvmOptions, String... serveOptions) throws IOException, InterruptedException {
        int port = TestServers.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "netoverhead.Main", "serve",
                "--port", Integer.toString(port), "--quiet"));
        cmd.addAll(List.of(serveOptions));
        Path log = Files.createTempFile("serve", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServeProcess server = new ServeProcess(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!HttpProbe.head("127.0.0.1", port, "/testpayload", 1000).answered()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("serve did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return server;
    }

    /**
     * Starts the server with a command prefix ({@code ip netns exec NAME}, say: the prefix must exec the server, so
     * that its pid is the server's) and waits for its line saying where it listens: a probe from this process may
     * not reach it there.
     */
    public static ServeProcess startUnder(List<String> prefix, String... serveOptions)
            throws IOException, InterruptedException {
        int port = TestServers.freePort();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "netoverhead.Main", "serve",
                "--port", Integer.toString(port)));
        cmd.addAll(List.of(serveOptions));
        Path log = Files.createTempFile("serve", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServeProcess server = new ServeProcess(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("serve did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return server;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public long rssBytes() {
        return proc.rssBytes().orElseThrow();
    }

    /**
     * A full collection in the server, through jcmd: what RSS shows afterwards is what the server keeps, not
     * garbage it has yet to collect (the serial collector also gives free heap back after a full collection).
     */
    public void collectGarbage() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IOException("jcmd GC.run did not finish within 30 s");
        }
    }

    public long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return fds.count();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        proc.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(log);
    }
}
