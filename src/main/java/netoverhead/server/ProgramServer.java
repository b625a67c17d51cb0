package netoverhead.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import netoverhead.process.ChildProcesses;
import netoverhead.process.ProcFs;
import netoverhead.process.TerminalInterrupt;

/**
 * A real web server (lighttpd, nginx) that the tool started from a configuration it wrote: it runs in the
 * foreground as a child of the tool, in the place the {@link ServerSpec} says, until {@link #close()} stops
 * it and removes its directory.
 */
public final class ProgramServer implements ServerHandle {
    private static final long START_TIMEOUT_NANOS = 30_000_000_000L;

    private final String description;
    private final Process process;
    private final ServerDirectory directory;
    private final long payloadBytes;
    private final List<Path> logs;
    private final Thread hook = new Thread(this::stop, "netoverhead-stop-server");
    private boolean stopped;

    private ProgramServer(String description, Process process, ServerDirectory directory, long payloadBytes,
                          List<Path> logs) {
        this.description = description;
        this.process = process;
        this.directory = directory;
        this.payloadBytes = payloadBytes;
        this.logs = logs;
    }

    /**
     * Starts {@code command} (placed by the spec's prefix) and waits until it serves the payload at the spec's
     * address with the expected length. On any failure everything is stopped and removed, and the IOException
     * carries the server's own last word from {@code logs}.
     */
    static ProgramServer start(String description, List<String> command, ServerDirectory directory, ServerSpec spec,
                               List<Path> logs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(spec.launchPrefix());
        cmd.addAll(command);
        Path output = directory.root().resolve("output.log");
        List<Path> allLogs = new ArrayList<>(logs);
        allLogs.add(output);
        // Not handed to ChildProcesses, whose shutdown hook kills outright: nginx's workers would outlive a
        // killed master. This server's own hook stops it as close() does, asking first.
        Process p;
        try {
            p = new ProcessBuilder(TerminalInterrupt.shielded(cmd)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            directory.close();
            throw e;
        }
        ProgramServer server = new ProgramServer(description, p, directory, spec.payloadBytes(), allLogs);
        Runtime.getRuntime().addShutdownHook(server.hook);
        try {
            server.awaitServing(spec);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitServing(ServerSpec spec) throws IOException, InterruptedException {
        String name = description.split("/")[0];
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " did not start: " + lastWords("exit status " + process.exitValue()));
            }
            HttpProbe.Result probe = HttpProbe.head(spec.host(), spec.port(), spec.path(), 1000);
            if (probe.answered()) {
                if (probe.status() != 200 || probe.contentLength() != spec.payloadBytes()) {
                    throw new IOException(name + " answers HEAD " + spec.path() + " with status " + probe.status()
                            + " and length " + probe.contentLength() + ", not 200 and " + spec.payloadBytes());
                }
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException(name + " did not answer at " + spec.hostForUrl() + ":" + spec.port() + " within 30 s: "
                + lastWords("no error logged"));
    }

    /** The last line the server logged, which is nearly always why it stopped. */
    private String lastWords(String otherwise) {
        for (Path log : logs) {
            try {
                if (!Files.isRegularFile(log)) continue;
                List<String> lines = Files.readString(log, StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank()).toList();
                if (!lines.isEmpty()) return lines.getLast().strip();
            } catch (IOException e) {
                // unreadable: try the next
            }
        }
        return otherwise;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public long payloadBytes() {
        return payloadBytes;
    }

    /** CPU of the server and its workers (nginx serves from worker processes, not from its master). */
    @Override
    public OptionalLong cpuNanos() {
        long total = 0;
        boolean any = false;
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        for (ProcessHandle handle : all) {
            try (ProcFs proc = new ProcFs(handle.pid())) {
                long[] cpu = proc.cpuNanos();
                if (cpu != null) {
                    total += cpu[0] + cpu[1];
                    any = true;
                }
            }
        }
        return any ? OptionalLong.of(total) : OptionalLong.empty();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook has run stop(), which is idempotent
        }
    }

    /**
     * Asks the server to stop (SIGTERM: nginx's master then stops its workers), waits, then kills whatever of it
     * is left, workers included, and removes its directory.
     */
    private synchronized void stop() {
        if (stopped) return;
        stopped = true;
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        ChildProcesses.end(process, 3000);
        family.addAll(process.descendants().toList());
        for (ProcessHandle member : family) {
            if (member.isAlive()) member.destroyForcibly();
        }
        directory.close();
    }
}
