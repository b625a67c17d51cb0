package netoverhead.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import netoverhead.child.ChildProtocol;
import netoverhead.result.JobResult;

/**
 * The parent's end of one child's {@link ChildProtocol}: its stdout read line by line on a thread of its own,
 * its stdin written a word at a time. Whatever breaks the protocol (end of output, FAIL, a wrong word,
 * silence past a deadline) is a {@link ChildFailure} that says what happened.
 */
final class ChildChannel {
    private static final String EOF = "\u0000EOF";

    /** A child that broke the protocol: died, hung, or said FAIL. */
    static final class ChildFailure extends Exception {
        ChildFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final Process child;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    ChildChannel(Process child) {
        this.child = child;
        Thread.ofPlatform().daemon().name("netoverhead-child-reader").start(this::readLines);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) lines.add(line);
        } catch (IOException ignored) {
            // the child is gone; EOF below says so
        }
        lines.add(EOF);
    }

    void send(String word) throws ChildFailure {
        try {
            OutputStream in = child.getOutputStream();
            in.write((word + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            throw new ChildFailure("the child closed its input (" + e.getMessage() + ")");
        }
    }

    /** Waits for {@code word}; {@code what} names the step in the message when it does not come. */
    void expect(String word, long timeoutNanos, String what) throws InterruptedException, ChildFailure {
        String line = lines.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        if (line == null) throw new ChildFailure("the child did not " + what + " within " + seconds(timeoutNanos));
        check(line);
        if (!line.startsWith(word)) throw new ChildFailure("the child said '" + line + "' instead of " + word);
    }

    /** The next line within the timeout, or null; end of output and FAIL are failures, not lines. */
    String poll(long timeout, TimeUnit unit) throws InterruptedException, ChildFailure {
        String line = lines.poll(timeout, unit);
        if (line != null) check(line);
        return line;
    }

    /** The pairs of the LAT and CLAT lines (null for a line that did not come). */
    record LatencyLines(String latencies, String connectLatencies) {}

    /**
     * Reads JOB records into {@code jobs} until DONE, at most 60 s.
     *
     * @return the pairs of the LAT line (the window's latencies of a workload of operations) and of the CLAT line
     *         (churn's connect latencies)
     */
    LatencyLines collectRecords(List<JobResult> jobs) throws InterruptedException, ChildFailure {
        String latencies = null;
        String connectLatencies = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) throw new ChildFailure("the child did not send its records within 60 s");
            check(line);
            if (line.equals(ChildProtocol.DONE)) return new LatencyLines(latencies, connectLatencies);
            if (line.equals(ChildProtocol.LAT) || line.startsWith(ChildProtocol.LAT + "\t")) {
                latencies = line.substring(ChildProtocol.LAT.length()).strip();
                continue;
            }
            if (line.equals(ChildProtocol.CLAT) || line.startsWith(ChildProtocol.CLAT + "\t")) {
                connectLatencies = line.substring(ChildProtocol.CLAT.length()).strip();
                continue;
            }
            try {
                jobs.add(ChildProtocol.decode(line));
            } catch (RuntimeException e) {
                throw new ChildFailure("unreadable record from the child: " + line);
            }
        }
    }

    private void check(String line) throws InterruptedException, ChildFailure {
        if (line.equals(EOF)) {
            child.waitFor(2, TimeUnit.SECONDS);
            throw new ChildFailure(child.isAlive() ? "the child closed its output"
                    : "the child exited with " + exitDescription(child.exitValue()));
        }
        if (line.startsWith(ChildProtocol.FAIL)) {
            throw new ChildFailure("the child failed: " + line.substring(ChildProtocol.FAIL.length()).trim());
        }
    }

    static String exitDescription(int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            String name = switch (signal) {
                case 9 -> "SIGKILL (killed, perhaps by the out-of-memory killer)";
                case 6 -> "SIGABRT";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "status " + status + ", " + name;
        }
        return "status " + status;
    }

    static String seconds(long nanos) {
        return String.format("%.0f s", nanos / 1e9);
    }
}
