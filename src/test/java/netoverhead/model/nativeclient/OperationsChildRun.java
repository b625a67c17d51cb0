package netoverhead.model.nativeclient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Plays the parent's side of the child protocol for a run of a native client with a workload of operations
 * (rr, churn, idle), strictly and with every wait bounded: READY, GO, START, END, REPORT, JOB lines with the
 * three operation counts, one LAT line ("LAT", a tab, then "value:count" pairs separated by spaces), for churn
 * one CLAT line in the same form, DONE.
 */
final class OperationsChildRun {
    /** One JOB line's fields that a workload of operations adds to or reads from. */
    record Job(int id, long connectedNs, long sentNs, long endNs, long bodyBytes, long contentLength, int status,
            String error, String message, long opsWarmup, long opsWindow, long opsAfter) {
        long ops() {
            return opsWarmup + opsWindow + opsAfter;
        }
    }

    /**
     * What the child said: every line, the jobs, the LAT and CLAT buckets (value to count; CLAT's null when the
     * child said none) and END's window length.
     */
    record Result(List<String> lines, List<Job> jobs, Map<Long, Long> latency, Map<Long, Long> connectLatency,
            long windowNs, int exitCode) {
        long latencyCount() {
            return count(latency);
        }

        long connectLatencyCount() {
            return count(connectLatency);
        }

        private static long count(Map<Long, Long> buckets) {
            return buckets.values().stream().mapToLong(Long::longValue).sum();
        }

        long windowOps() {
            return jobs.stream().mapToLong(Job::opsWindow).sum();
        }
    }

    private OperationsChildRun() {}

    /** The key=value arguments of a run against 127.0.0.1:port: rr unless `extra`, which overrides or adds keys, says otherwise. */
    static List<String> args(int port, String path, int connections, Map<String, String> extra) {
        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("host", "127.0.0.1");
        kv.put("port", Integer.toString(port));
        kv.put("path", path);
        kv.put("connections", Integer.toString(connections));
        kv.put("buffer", "16384");
        kv.put("connect_timeout_ms", "5000");
        kv.put("read_timeout_ms", "10000");
        kv.put("verify", "0");
        kv.put("max_head", "65536");
        kv.put("workload", "rr");
        kv.put("pipeline", "1");
        kv.put("rate", "0");
        kv.put("warmup_ns", "0");
        kv.put("duration_ns", "0");
        kv.put("requests", "0");
        kv.put("requests_per_connection", "1");
        kv.putAll(extra);
        List<String> args = new ArrayList<>();
        kv.forEach((k, v) -> args.add(k + "=" + v));
        return args;
    }

    static Result run(Path program, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        return run(List.of(), program, args, timeoutSeconds, child -> { });
    }

    /** Runs the program and hands its process to {@code atStart} when it has said START (to read its memory, say). */
    static Result run(Path program, List<String> args, long timeoutSeconds, Consumer<Process> atStart)
            throws IOException, InterruptedException {
        return run(List.of(), program, args, timeoutSeconds, atStart);
    }

    /** Runs the program through {@code prefix} (a command that runs the rest of its arguments, as unshare does). */
    static Result run(List<String> prefix, Path program, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(prefix, program, args, timeoutSeconds, child -> { });
    }

    private static Result run(List<String> prefix, Path program, List<String> args, long timeoutSeconds,
                              Consumer<Process> atStart) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(program.toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
            expect(queue, lines, deadline, "READY");
            send(p, "GO");
            expect(queue, lines, deadline, "START");
            atStart.accept(p);
            long window = Long.parseLong(expect(queue, lines, deadline, "END").split("\t")[1]);
            send(p, "REPORT");
            List<Job> jobs = new ArrayList<>();
            String line;
            while ((line = next(queue, lines, deadline)).startsWith("JOB\t")) jobs.add(job(line));
            if (!line.equals("LAT") && !line.startsWith("LAT\t")) throw new AssertionError("expected LAT: " + lines);
            Map<Long, Long> latency = buckets(line.substring("LAT".length()));
            Map<Long, Long> connectLatency = null;
            line = next(queue, lines, deadline);
            if (line.equals("CLAT") || line.startsWith("CLAT\t")) {
                connectLatency = buckets(line.substring("CLAT".length()));
                line = next(queue, lines, deadline);
            }
            if (!line.equals("DONE")) throw new AssertionError("expected DONE: " + lines);
            if (!p.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L), TimeUnit.SECONDS)) {
                throw new AssertionError("the child did not exit after DONE");
            }
            return new Result(lines, jobs, latency, connectLatency, window, p.exitValue());
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The pairs of a LAT or CLAT line after its word: empty, or a tab and "value:count" pairs. */
    private static Map<Long, Long> buckets(String pairs) {
        if (!pairs.isEmpty() && !pairs.startsWith("\t")) throw new AssertionError("no tab after the word: " + pairs);
        Map<Long, Long> buckets = new LinkedHashMap<>();
        for (String bucket : pairs.strip().split(" ")) {
            if (bucket.isEmpty()) continue;
            String[] vc = bucket.split(":");
            buckets.put(Long.parseLong(vc[0]), Long.parseLong(vc[1]));
        }
        return buckets;
    }

    private static Job job(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 16) throw new AssertionError("a JOB line with operations has 16 fields: " + line);
        return new Job(Integer.parseInt(f[1]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                Long.parseLong(f[9]), Integer.parseInt(f[10]), f[11].equals("-") ? null : f[11], f[12],
                Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[15]));
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
