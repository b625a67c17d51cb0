package netoverhead.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import netoverhead.harness.Progress;
import netoverhead.report.Numbers;
import netoverhead.result.ConnectionFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.OperationFigures;
import netoverhead.workload.WorkloadKind;

/**
 * Progress on stderr. On a terminal one line is redrawn a few times a second (model, iteration, bytes so
 * far, time left); elsewhere one line per iteration, so that logs stay readable.
 */
public final class StderrProgress implements Progress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final TimeLeft timeLeft = new TimeLeft();
    private long totalBytes;
    private int totalIterations;
    private int iterationsDone;
    private long bytesDone;
    /** When the time of the iteration under way began: the previous iteration's end, or the first start. */
    private long segmentStart = -1;
    private long lastDraw;
    private String current = "";
    private long currentExpected;
    private long currentBytes;
    private List<Integer> counts = List.of();
    private List<String> models = List.of();
    private String operationsNoun = "requests";

    public StderrProgress() {
        this(System.err, stderrIsTerminal(), System::nanoTime);
    }

    /** Progress on this stream, redrawn in place when it is a terminal, timed by this clock (nanoseconds). */
    StderrProgress(PrintStream err, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** This progress, naming the operations of the workload: requests (rr), connections (churn), heartbeats (idle). */
    StderrProgress of(WorkloadKind kind) {
        operationsNoun = switch (kind) {
            case CHURN -> "connections";
            case IDLE -> "heartbeats";
            default -> "requests";
        };
        return this;
    }

    @Override
    public synchronized void planned(int iterations, long bytes) {
        totalIterations = iterations;
        totalBytes = bytes;
    }

    @Override
    public synchronized void sweep(List<Integer> connections, List<String> modelNames) {
        counts = List.copyOf(connections);
        models = List.copyOf(modelNames);
    }

    @Override
    public synchronized void iterationStarted(String model, int connections, int iteration, int iterations,
                                              long expectedBytes) {
        current = where(model, connections) + "iteration " + iteration + "/" + iterations;
        // the time between iterations (the parent's own work) belongs to the next one
        if (segmentStart < 0) segmentStart = nanoClock.getAsLong();
        currentBytes = 0;
        currentExpected = expectedBytes;
        draw(true);
    }

    @Override
    public synchronized void bytes(long soFar) {
        currentBytes = Math.min(soFar, currentExpected > 0 ? currentExpected : soFar);
        draw(false);
    }

    @Override
    public synchronized void iterationFinished(String model, int connections, IterationResult result) {
        long now = nanoClock.getAsLong();
        timeLeft.finished(currentExpected, (now - segmentStart) / 1e9);
        segmentStart = now;
        iterationsDone++;
        bytesDone += currentExpected;
        currentBytes = 0;
        currentExpected = 0;
        clearLine();
        var f = result.figures();
        String outcome = !result.ok() ? "FAILED: " + result.failure()
                : (f.operations() != null ? operations(f.operations(), operationsNoun)
                : gib(f.bytesReceived()) + " in " + (f.runS() == null ? "n/a" : Numbers.significant(f.runS(), 4) + " s")
                  + (f.aggregateMibps() == null ? "" : " (" + Numbers.significant(f.aggregateMibps(), 4) + " MiB/s)"))
                  + ", " + f.errors() + " errors" + firstErrors(result);
        err.println("[" + iterationsDone + "/" + totalIterations + "] " + current + ": " + outcome + eta());
        err.flush();
    }

    /**
     * "52,104 requests in 10 s (5,210/s, p99 1.2 ms)", whether an open loop held its rate, and for idle how long its
     * connections took to establish.
     */
    private static String operations(OperationFigures ops, String noun) {
        String text = String.format(Locale.ROOT, "%,d %s in %s s", ops.operations(), noun,
                Numbers.significant(ops.windowS(), 4));
        if (ops.opsPerS() != null) text += " (" + Numbers.significant(ops.opsPerS(), 4) + "/s";
        if (ops.latencyP99Us() != null) text += ", p99 " + Numbers.significant(ops.latencyP99Us(), 3) + " us";
        if (ops.opsPerS() != null) text += ")";
        if (!ops.heldRate()) text += ", did not hold the rate (" + Numbers.significant(ops.rateRatio(), 3) + ")";
        ConnectionFigures c = ops.connection();
        if (c != null && c.establishS() != null && c.established() != null) {
            text += String.format(Locale.ROOT, ", %,d established in %s s", c.established(),
                    Numbers.significant(c.establishS(), 3));
        }
        return text;
    }

    @Override
    public synchronized void skipped(String model, String reason) {
        clearLine();
        err.println("skipping " + model + ": unavailable: " + reason);
    }

    @Override
    public synchronized void finished() {
        clearLine();
        err.flush();
    }

    /** The first message of each kind of job error: {@code  (read_timeout: no byte for 30 s; ...)}. */
    static String firstErrors(IterationResult result) {
        Map<String, String> first = new LinkedHashMap<>();
        if (result.jobs() != null) {
            for (JobResult job : result.jobs()) {
                if (job.failed()) first.putIfAbsent(job.error(), job.message() == null ? "" : job.message());
            }
        }
        if (result.errorsByKind() != null) result.errorsByKind().keySet().forEach(k -> first.putIfAbsent(k, ""));
        if (first.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        first.forEach((kind, message) -> parts.add(message.isBlank() ? kind : kind + ": " + message));
        return " (" + String.join("; ", parts) + ")";
    }

    /** Where in the plan: {@code connections 2/3 (100), model 1/2 threaded, } for a sweep. */
    private String where(String model, int connections) {
        int c = counts.indexOf(connections);
        int m = models.indexOf(model);
        if (counts.size() > 1 && c >= 0) {
            return "connections " + (c + 1) + "/" + counts.size() + " (" + connections + "), model "
                    + (m >= 0 ? (m + 1) + "/" + models.size() + " " : "") + model + ", ";
        }
        return model + ", " + connections + " connections, ";
    }

    private void draw(boolean force) {
        if (!terminal) return;
        long now = nanoClock.getAsLong();
        if (!force && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        String line = "[" + (iterationsDone + 1) + "/" + totalIterations + "] " + current + "  "
                + gib(currentBytes) + " of " + gib(currentExpected) + eta();
        err.print("\r\033[K" + line);
        err.flush();
    }

    private void clearLine() {
        if (terminal) err.print("\r\033[K");
    }

    /** The time left, from what the finished iterations took; empty until one finished or when under a second. */
    private String eta() {
        boolean under = currentExpected > 0;
        int iterationsLeft = totalIterations - iterationsDone - (under ? 1 : 0);
        long bytesLeft = totalBytes - bytesDone - currentExpected;
        double inCurrent = under ? (nanoClock.getAsLong() - segmentStart) / 1e9 : 0;
        double left = timeLeft.seconds(Math.max(0, iterationsLeft), Math.max(0, bytesLeft), currentExpected, inCurrent);
        if (!(left >= 1)) return "";
        long s = Math.round(left);
        return String.format("  ~%d:%02d:%02d left", s / 3600, s / 60 % 60, s % 60);
    }

    private static String gib(long bytes) {
        if (bytes >= (1L << 30)) return Numbers.significant(bytes / (double) (1L << 30), 3) + " GiB";
        return Numbers.significant(bytes / (double) (1L << 20), 3) + " MiB";
    }

    private static boolean stderrIsTerminal() {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            return target.toString().startsWith("/dev/pts/") || target.toString().startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
