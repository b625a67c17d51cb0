package netoverhead.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import netoverhead.child.ChildProtocol;
import netoverhead.result.JobResult;

/**
 * Starts a child (a JVM child or a native client) and plays the parent's side of the line protocol by
 * hand, strictly: READY, GO, START, END, REPORT, JOB lines, DONE. Every wait is bounded.
 */
public final class ChildRun {
    /** What the child said and left behind. */
    public record Result(List<String> lines, List<JobResult> jobs, long windowNs, int exitCode, String stderr) {}

    private ChildRun() {}

    public static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("child-err", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try {
            BlockingQueue<String> queue = new LinkedBlockingQueue<>();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) queue.add(line);
                } catch (IOException ignored) {
                    // the child is gone
                }
                queue.add("<eof>");
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            List<String> lines = new ArrayList<>();
            List<JobResult> jobs = new ArrayList<>();
            long window = -1;
            expect(queue, lines, deadline, ChildProtocol.READY);
            send(p, ChildProtocol.GO);
            expect(queue, lines, deadline, ChildProtocol.START);
            String end = expect(queue, lines, deadline, ChildProtocol.END);
            window = Long.parseLong(end.split("\t")[1]);
            send(p, ChildProtocol.REPORT);
            while (true) {
                String line = next(queue, lines, deadline);
                if (line.equals(ChildProtocol.DONE)) break;
                jobs.add(ChildProtocol.decode(line));
            }
            if (!p.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L), TimeUnit.SECONDS)) {
                throw new AssertionError("the child did not exit after DONE");
            }
            return new Result(lines, jobs, window, p.exitValue(), Files.readString(err));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(err);
        }
    }

    private static String next(BlockingQueue<String> queue, List<String> lines, long deadline) throws InterruptedException {
        String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) throw new AssertionError("the child said nothing more in time; so far: " + lines);
        lines.add(line);
        return line;
    }

    private static String expect(BlockingQueue<String> queue, List<String> lines, long deadline, String word)
            throws InterruptedException {
        String line = next(queue, lines, deadline);
        if (!line.equals(word) && !line.startsWith(word + "\t")) {
            throw new AssertionError("expected " + word + " but the child said '" + line + "'; so far: " + lines);
        }
        return line;
    }

    private static void send(Process p, String line) throws IOException {
        OutputStream in = p.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }
}
