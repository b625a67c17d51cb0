package netoverhead.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import netoverhead.payload.PayloadFile;
import netoverhead.process.ChildProcesses;
import netoverhead.process.JavaCommand;
import netoverhead.process.ProcFs;
import netoverhead.process.TerminalInterrupt;

/**
 * The embedded server run as a process of its own, so that its memory and CPU are never counted as the
 * client's. The parent writes the payload file (so that a disk without room for it is one clear error, and
 * a long write shows its progress here), starts the server, waits until it serves the payload, reads its CPU
 * time, and stops it. The server watches its stdin, the pipe from the parent, and ends when the parent does.
 * Once stopped, it tells how many responses the server wrote whole ({@link #answered()}), from its last line.
 */
public final class EmbeddedServerProcess implements ServerHandle {
    private final Process process;
    private final ProcFs proc;
    private final long payloadBytes;
    private final InputStream log;
    private OptionalLong answered = OptionalLong.empty();
    private boolean closed;

    private EmbeddedServerProcess(Process process, long payloadBytes, InputStream log) {
        this.process = process;
        this.proc = new ProcFs(process.pid());
        this.payloadBytes = payloadBytes;
        this.log = log;
    }

    public static EmbeddedServerProcess start(String bind, int port, String path, long payloadBytes)
            throws IOException, InterruptedException {
        return start(ServerSpec.local(bind, port, path, payloadBytes, 100));
    }

    /** Starts the server where {@code spec} places it (here, or inside a namespace) and waits until it serves. */
    public static EmbeddedServerProcess start(ServerSpec spec) throws IOException, InterruptedException {
        String bind = spec.host();
        int port = spec.port();
        String path = spec.path();
        long payloadBytes = spec.payloadBytes();
        PayloadFile.ofSize(payloadBytes);
        List<String> cmd = new ArrayList<>(spec.launchPrefix());
        cmd.add(JavaCommand.javaBinary());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx256m");
        cmd.add("-D" + TerminalInterrupt.OWNED_PROPERTY + "=true"); // stopped by the run, not by Ctrl-C
        cmd.add("-cp");
        cmd.add(JavaCommand.classPath());
        cmd.add("netoverhead.Main");
        cmd.addAll(List.of("serve", "--bind", bind, "--port", Integer.toString(port), "--path", path,
                "--payload", payloadBytes + "B", "--quiet"));
        // The log's name goes as soon as the server has it open: the server writes to it and this process
        // reads it through open descriptors, and the kernel frees it when both have ended, however they end.
        Path logFile = Files.createTempFile("netoverhead-server-", ".log");
        Process p;
        InputStream log;
        try {
            p = ChildProcesses.track(new ProcessBuilder(TerminalInterrupt.shielded(cmd))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start());
            log = Files.newInputStream(logFile);
        } finally {
            Files.deleteIfExists(logFile);
        }
        EmbeddedServerProcess server = new EmbeddedServerProcess(p, payloadBytes, log);
        long deadline = System.nanoTime() + 60_000_000_000L; // a JVM's start on a busy machine, with room to spare
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                String why = new String(log.readAllBytes(), StandardCharsets.UTF_8).strip();
                server.close();
                throw new IOException("the embedded server did not start: "
                        + (why.isEmpty() ? "exit status " + p.exitValue() : why.lines().findFirst().orElse(why)));
            }
            HttpProbe.Result probe = HttpProbe.head(bind, port, path, 1000);
            if (probe.answered()) return server;
            Thread.sleep(50);
        }
        server.close();
        throw new IOException("the embedded server did not answer within 60 s");
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public String description() {
        return "embedded (pid " + process.pid() + ")";
    }

    @Override
    public long payloadBytes() {
        return payloadBytes;
    }

    @Override
    public OptionalLong cpuNanos() {
        long[] cpu = proc.cpuNanos();
        return cpu == null ? OptionalLong.empty() : OptionalLong.of(cpu[0] + cpu[1]);
    }

    /**
     * How many responses the server wrote whole in all, as it said when it stopped; empty before {@link #close()},
     * or when it ended without saying (killed outright).
     */
    public OptionalLong answered() {
        return answered;
    }

    /** The count in the server's line "netoverhead serve: answered 1234 requests", if {@code output} has it. */
    static OptionalLong answeredIn(String output) {
        for (String line : output.lines().toList().reversed()) {
            if (!line.startsWith(PayloadServer.ANSWERED_PREFIX)) continue;
            String count = line.substring(PayloadServer.ANSWERED_PREFIX.length()).split(" ")[0];
            if (count.matches("[0-9]{1,18}")) return OptionalLong.of(Long.parseLong(count));
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        proc.close();
        // SIGTERM through the handle, which leaves the pipe to the server's stdin open (Process.destroy closes it):
        // the server then ends through its shutdown hook, which says its count, rather than at the pipe's end
        process.toHandle().destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ChildProcesses.end(process, 5000);
        try {
            answered = answeredIn(new String(log.readAllBytes(), StandardCharsets.UTF_8));
            log.close();
        } catch (IOException ignored) {
            // the log's last descriptor here: nothing to keep
        }
    }
}
