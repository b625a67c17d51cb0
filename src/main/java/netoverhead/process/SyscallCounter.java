package netoverhead.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * perf stat counting one process's system calls (the raw_syscalls:sys_enter tracepoint) and context
 * switches over one window. perf attaches to every thread of the process with its counters disabled
 * ({@code --delay=-1}); its counters are inherited, so threads the process starts later count too. The
 * window is opened and closed over perf's control fifo, each command waited for until perf acknowledges
 * it; perf is then stopped with SIGINT, by its pid, and writes its counts ({@code -x,}) to a file.
 */
final class SyscallCounter implements AutoCloseable {
    static final String EVENT = "raw_syscalls:sys_enter";
    /** How long perf may take to attach or to answer a command; generous, since the machine may be busy. */
    private static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final String DISABLED = "Events disabled";

    /** Counts of one window: either figure null where perf did not count it. */
    record Counts(Long syscalls, Long contextSwitches) {}

    private final Path dir;
    private final Path log;
    private final Path output;
    private final RandomAccessFile control;
    private final RandomAccessFile ackFifo;
    private final FileInputStream acks;
    private final Process perf;
    private boolean closed;

    private SyscallCounter(Path dir, RandomAccessFile control, RandomAccessFile ackFifo, Process perf) throws IOException {
        this.dir = dir;
        this.log = dir.resolve("perf.log");
        this.output = dir.resolve("counts.csv");
        this.control = control;
        this.ackFifo = ackFifo;
        this.acks = new FileInputStream(ackFifo.getFD());
        this.perf = perf;
    }

    /**
     * perf attached to {@code pid} with its counters off, or an {@link Unavailable} whose message says in
     * one line why system calls cannot be counted here.
     */
    static SyscallCounter attach(long pid) throws Unavailable, InterruptedException {
        Path binary;
        try {
            binary = Binaries.require("perf", "linux-perf");
        } catch (IOException e) {
            throw new Unavailable("perf not installed");
        }
        Path dir = null;
        RandomAccessFile control = null;
        RandomAccessFile ack = null;
        Process perf = null;
        try {
            dir = Files.createTempDirectory("netoverhead-syscalls");
            Path controlPath = dir.resolve("control");
            Path ackPath = dir.resolve("ack");
            Binaries.check(List.of("mkfifo", controlPath.toString(), ackPath.toString()), 30);
            // both fifos opened for reading and writing, so that neither open waits for perf
            control = new RandomAccessFile(controlPath.toFile(), "rw");
            ack = new RandomAccessFile(ackPath.toFile(), "rw");
            Path log = dir.resolve("perf.log");
            perf = ChildProcesses.track(new ProcessBuilder(binary.toString(), "stat",
                    "-e", EVENT + ",context-switches", "-x,", "--delay=-1",
                    "--control", "fifo:" + controlPath + "," + ackPath,
                    "-p", Long.toString(pid), "-o", dir.resolve("counts.csv").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
            SyscallCounter counter = new SyscallCounter(dir, control, ack, perf);
            counter.awaitAttached();
            return counter;
        } catch (IOException e) {
            discard(dir, control, ack, perf);
            throw new Unavailable("perf cannot count system calls: " + e.getMessage());
        } catch (Unavailable | InterruptedException | RuntimeException e) {
            discard(dir, control, ack, perf);
            throw e;
        }
    }

    /** Returns once perf has opened its counters on every thread (it says "Events disabled"), or why not. */
    private void awaitAttached() throws IOException, Unavailable, InterruptedException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_NANOS;
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(DISABLED)) {
            if (!perf.isAlive()) throw new Unavailable("perf cannot open " + EVENT + ": " + said());
            if (System.nanoTime() > deadline) throw new Unavailable("perf did not attach within 30 s");
            Thread.sleep(2);
        }
    }

    /** Turns the counters on; false when perf has already ended (the process exited). */
    boolean enable() throws IOException, InterruptedException {
        return command("enable");
    }

    /** Turns the counters off; false when perf has already ended, having counted until the process exited. */
    boolean disable() throws IOException, InterruptedException {
        return command("disable");
    }

    private boolean command(String word) throws IOException, InterruptedException {
        if (!perf.isAlive()) return false;
        control.write((word + "\n").getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_NANOS;
        StringBuilder answer = new StringBuilder();
        while (answer.indexOf("\n") < 0) {
            if (!perf.isAlive()) return false;
            if (System.nanoTime() > deadline) throw new IOException("perf did not answer '" + word + "' within 30 s");
            int available = acks.available(); // never blocks, so perf's silence cannot hang the caller
            if (available > 0) {
                byte[] got = acks.readNBytes(available);
                answer.append(new String(got, StandardCharsets.US_ASCII));
            } else {
                Thread.sleep(0, 200_000);
            }
        }
        return true;
    }

    /** Stops perf with SIGINT and reads what it counted; an IOException says why there is nothing. */
    Counts finish() throws IOException, InterruptedException {
        if (perf.isAlive()) {
            Binaries.run(List.of("kill", "-INT", Long.toString(perf.pid())), 10);
        }
        if (!perf.waitFor(30, TimeUnit.SECONDS)) {
            ChildProcesses.end(perf, 2000);
            throw new IOException("perf did not end within 30 s of SIGINT; killed");
        }
        if (!Files.exists(output)) throw new IOException("perf wrote no counts: " + said());
        return parse(Files.readString(output, StandardCharsets.UTF_8));
    }

    /** perf's -x, lines: count, unit, event, ...; a count of "&lt;not counted&gt;" or "&lt;not supported&gt;" is null. */
    static Counts parse(String csv) {
        Long syscalls = null;
        Long switches = null;
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            if (line.startsWith("#") || f.length < 3) continue;
            Long count;
            try {
                count = Long.parseLong(f[0].strip());
            } catch (NumberFormatException e) {
                count = null;
            }
            String event = f[2].strip();
            if (event.startsWith(EVENT)) syscalls = count;
            else if (event.startsWith("context-switches") || event.startsWith("cs")) switches = count;
        }
        return new Counts(syscalls, switches);
    }

    long pid() {
        return perf.pid();
    }

    /** What perf said went wrong, in one line. */
    private String said() throws IOException {
        String reason = reason(Files.readAllLines(log));
        return reason != null ? reason : "exit status " + (perf.isAlive() ? "unknown" : perf.exitValue());
    }

    /**
     * The line of perf's messages that names the problem: the text of its "Error:" line, or the line after
     * a bare "Error:", or else the first line with something in it; null when perf said nothing.
     */
    static String reason(List<String> said) {
        List<String> lines = said.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("Error:")) continue;
            String rest = lines.get(i).substring("Error:".length()).strip();
            if (!rest.isEmpty()) return rest;
            if (i + 1 < lines.size()) return lines.get(i + 1);
        }
        return lines.stream().filter(s -> !s.equals("Warning:")).findFirst().orElse(null);
    }

    /** Ends perf (SIGINT, then SIGKILL) if it runs and removes its files; idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (perf.isAlive()) {
                Binaries.run(List.of("kill", "-INT", Long.toString(perf.pid())), 10);
                if (!perf.waitFor(10, TimeUnit.SECONDS)) ChildProcesses.end(perf, 2000);
            }
        } catch (IOException e) {
            ChildProcesses.end(perf, 2000);
        } catch (InterruptedException e) {
            ChildProcesses.end(perf, 2000);
            Thread.currentThread().interrupt();
        }
        discard(dir, control, ackFifo, null);
    }

    private static void discard(Path dir, RandomAccessFile control, RandomAccessFile ack, Process perf) {
        if (perf != null) ChildProcesses.end(perf, 2000);
        for (RandomAccessFile f : new RandomAccessFile[] {control, ack}) {
            try {
                if (f != null) f.close();
            } catch (IOException ignored) {
                // the fifo goes with its directory
            }
        }
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // a directory in the temp directory
        }
    }

    /** Why system calls cannot be counted here, in one line. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
