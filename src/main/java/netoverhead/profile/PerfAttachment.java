package netoverhead.profile;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import netoverhead.harness.IterationRunner;
import netoverhead.process.ChildProcesses;

/**
 * perf attached to the child process of one iteration, through the harness's {@link IterationRunner.BeforeGo}
 * hook: once the child is loaded and waiting, perf is started on its pid with its events disabled, told to
 * enable them over its control fifo, and the run is let go only after perf acknowledged that, so that the
 * whole measured window is recorded however short it is. Threads the child starts later are followed by
 * perf's inheritance; perf ends by itself when the child does.
 */
public final class PerfAttachment implements IterationRunner.BeforeGo {
    /** How long perf may take to attach and enable its events; generous, since the machine may be busy. */
    private static final long ATTACH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final byte[] ACK = "ack\n".getBytes(StandardCharsets.US_ASCII);

    private final Perf perf;
    private final Perf.Use use;
    private final Path data;
    private final Path dir;
    private final Path log;
    private Process perfProcess;
    private long childPid = -1;

    public PerfAttachment(Perf perf, Perf.Use use, Path data) throws IOException {
        this.perf = perf;
        this.use = use;
        this.data = data;
        this.dir = Files.createTempDirectory("netoverhead-perf");
        this.log = dir.resolve("perf.log");
    }

    /** Starts perf on the waiting child and returns once perf records it; an IOException says why not. */
    @Override
    public void childReady(long pid) throws IOException, InterruptedException {
        childPid = pid;
        Path control = dir.resolve("control");
        Path ack = dir.resolve("ack");
        mkfifo(control, ack);
        // -D -1: events start disabled and are enabled on request, whose acknowledgement is the proof that
        // perf has attached to every thread of the child and counts
        List<String> command = new ArrayList<>(switch (use) {
            case SAMPLE -> List.of(perf.binary(), "record", "-g", "-F", "999");
            case SCHED -> List.of(perf.binary(), "sched", "record");
        });
        command.addAll(List.of("-o", data.toString(), "-D", "-1", "--control",
                "fifo:" + control + "," + ack, "-p", String.valueOf(pid)));
        // both fifos opened for reading and writing, so that neither open waits for perf
        try (RandomAccessFile controlFifo = new RandomAccessFile(control.toFile(), "rw");
             RandomAccessFile ackFifo = new RandomAccessFile(ack.toFile(), "rw");
             FileInputStream acks = new FileInputStream(ackFifo.getFD())) {
            perfProcess = ChildProcesses.track(new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start());
            controlFifo.write("enable\n".getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + ATTACH_TIMEOUT_NANOS;
            byte[] got = new byte[ACK.length];
            int read = 0;
            while (read < ACK.length) {
                if (!perfProcess.isAlive()) {
                    throw new IOException("perf ended before it attached to the child (status "
                            + perfProcess.exitValue() + ")" + lastLogLine());
                }
                if (System.nanoTime() > deadline) {
                    perfProcess.destroyForcibly();
                    throw new IOException("perf did not attach to the child within "
                            + TimeUnit.NANOSECONDS.toSeconds(ATTACH_TIMEOUT_NANOS) + " s; killed" + lastLogLine());
                }
                // available() never blocks, so perf's silence cannot hang the run
                if (acks.available() > 0) {
                    read += acks.read(got, read, Math.min(acks.available(), ACK.length - read));
                } else {
                    Thread.sleep(5);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (perfProcess != null) ChildProcesses.end(perfProcess, 2000);
            throw e;
        }
    }

    /**
     * After the iteration: waits for perf to write its data (it ends when the child does) and returns the
     * child's pid, whose perf map names the JIT-compiled Java frames.
     */
    public long finish() throws IOException, InterruptedException {
        Process p = perfProcess;
        try {
            if (p == null) throw new IOException("perf was not started: the child never became ready");
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroy(); // perf writes its data on SIGTERM as on Ctrl-C
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("perf did not end after its child did; killed");
                }
            }
            if (p.exitValue() != 0 || !Files.exists(data)) {
                throw new IOException("perf failed (status " + p.exitValue() + ")" + lastLogLine());
            }
            return childPid;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    private String lastLogLine() throws IOException {
        if (!Files.exists(log)) return "";
        List<String> lines = Files.readAllLines(log).stream().map(String::strip)
                .filter(s -> !s.isEmpty() && !s.equals("Warning:") && !s.startsWith("Events ")).toList();
        return lines.isEmpty() ? "" : ": " + lines.getLast();
    }

    private static void mkfifo(Path... fifos) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mkfifo"));
        for (Path f : fifos) command.add(f.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("cannot make perf's control fifos: " + (said.isEmpty() ? "mkfifo failed" : said));
        }
    }
}
