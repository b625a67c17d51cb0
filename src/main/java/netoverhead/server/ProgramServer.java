package netoverhead.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import netoverhead.payload.PayloadFile;
import netoverhead.process.ChildProcesses;
import netoverhead.process.ParentWatch;
import netoverhead.process.ProcFs;
import netoverhead.process.TerminalInterrupt;

/**
 * A real web server (lighttpd, nginx) that the tool started from a configuration it wrote: it runs in the
 * foreground under a {@link ParentWatch} (the process this class holds is the watch's shell, the server its
 * child), in the place the {@link ServerSpec} says, until {@link #close()} stops it and removes its
 * directory. The watch ends it with the tool even when the tool is killed outright.
 */
public final class ProgramServer implements ServerHandle {
    /** What differs between the servers: the configuration each writes and the command that starts it. */
    @FunctionalInterface
    interface Configuration {
        /**
         * Writes the configuration into {@code dir}, whose document root holds the payload already, and
         * returns the command that runs the server in the foreground with it, logging errors to {@code errorLog}.
         */
        List<String> write(ServerDirectory dir, Path errorLog) throws IOException;
    }

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
     * Starts a server of this {@code kind} (lighttpd, nginx; {@code description} names its version): writes the
     * payload file if it is not cached yet, makes a {@link ServerDirectory} whose document root serves it at
     * the spec's path and the pattern at {@code /rr/<bytes>} for each of the spec's response sizes, lets
     * {@code configuration} write the rest, and starts the command it returns. On any failure the directory is
     * removed and the IOException says why.
     */
    static ProgramServer start(String kind, String description, ServerSpec spec, Configuration configuration)
            throws IOException, InterruptedException {
        Path payload = PayloadFile.ofSize(spec.payloadBytes());
        ServerDirectory dir = ServerDirectory.create(kind);
        Path errorLog = dir.root().resolve("error.log");
        List<String> command;
        try {
            dir.linkPayload(spec.path(), payload);
            for (long size : spec.responseSizes()) {
                String path = RrPath.of(size);
                if (path.equals(spec.path())) {
                    throw new IOException("--path " + spec.path() + " is where rr responses of " + size
                            + " bytes are served; choose another path for the payload");
                }
                if (!Files.exists(ServerDirectory.payloadPath(dir.docRoot(), path), LinkOption.NOFOLLOW_LINKS)) {
                    dir.linkPayload(path, PayloadFile.ofSize(size));
                }
            }
            command = configuration.write(dir, errorLog);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
        return start(description, command, dir, spec, List.of(errorLog));
    }

    /**
     * Starts {@code command} (placed by the spec's prefix) and waits until it serves the payload at the spec's
     * address with the expected length. On any failure everything is stopped and removed, and the IOException
     * carries the server's own last word from {@code logs}.
     */
    private static ProgramServer start(String description, List<String> command, ServerDirectory directory,
                                       ServerSpec spec, List<Path> logs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(spec.launchPrefix());
        cmd.addAll(ParentWatch.watched(command, directory.root()));
        Path output = directory.root().resolve("output.log");
        List<Path> allLogs = new ArrayList<>(logs);
        allLogs.add(output);
        // Not handed to ChildProcesses, whose shutdown hook kills outright: nginx's workers would outlive a
        // killed master. This server's own hook stops it as close() does, asking first. Its stdin stays the
        // pipe from this process, which the watch reads.
        Process p;
        try {
            p = new ProcessBuilder(TerminalInterrupt.shielded(cmd)).redirectErrorStream(true)
                    .redirectOutput(output.toFile())
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
                for (long size : spec.responseSizes()) requireServes(name, spec, RrPath.of(size), size);
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException(name + " did not answer at " + spec.hostForUrl() + ":" + spec.port() + " within 30 s: "
                + lastWords("no error logged"));
    }

    /** Checks that the server, already answering, serves {@code path} with a body of {@code size} bytes. */
    private static void requireServes(String name, ServerSpec spec, String path, long size) throws IOException {
        HttpProbe.Result probe = HttpProbe.head(spec.host(), spec.port(), path, 5000);
        if (probe.status() != 200 || probe.contentLength() != size) {
            throw new IOException(name + " answers HEAD " + path + " with " + (probe.answered() ? "status "
                    + probe.status() + " and length " + probe.contentLength() : probe.error()) + ", not 200 and " + size);
        }
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
     * is left, workers included, waits until they are gone (a kill is only a request), and removes its directory.
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
        try {
            for (ProcessHandle member : family) member.onExit().get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // one that outlives SIGKILL for seconds is the kernel's to end; the directory goes all the same
        }
        directory.close();
    }
}
