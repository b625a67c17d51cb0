import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import netoverhead.report.JsonReport;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.LatencySummary;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * How the bench runs the tool: one `netoverhead run` in a process of its own per call, its JSON read back, and
 * the figures the sections compare taken from it.
 */
final class ToolRuns {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Where runs leave their JSON, results and the log of the last run. */
    static Path work;

    private ToolRuns() {}

    static RunResult run(String models, String conns, String payload, String server, int iterations,
                         List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("127.0.0.1", Integer.toString(freePort()), "--models", models,
                "--connections", conns, "--payload", payload, "--iterations", Integer.toString(iterations),
                "--server", server));
        args.addAll(extra);
        return run(args);
    }

    /**
     * One iteration per model of rr: 100 connections, 128 B answers (what a server the tool starts is asked for;
     * an external server's path comes in {@code extra}), a closed loop, 2 s of warm-up and a window of
     * {@code duration}.
     */
    static RunResult rr(String models, String server, String duration, List<String> extra, int port) throws Exception {
        return operations("rr", models, "100", server, duration, extra, port);
    }

    /** One iteration per model of a workload of operations (rr, churn, idle) against the embedded server. */
    static RunResult operations(String workload, String models, String conns, String duration, List<String> extra)
            throws Exception {
        return operations(workload, models, conns, "embedded", duration, extra, freePort());
    }

    private static RunResult operations(String workload, String models, String conns, String server, String duration,
                                        List<String> extra, int port) throws Exception {
        List<String> args = new ArrayList<>(List.of("127.0.0.1", Integer.toString(port), "--models", models,
                "--connections", conns, "--iterations", "1", "--server", server, "--workload", workload,
                "--duration", duration));
        if (!extra.contains("--warmup")) args.addAll(List.of("--warmup", "2s"));
        args.addAll(extra);
        return run(args);
    }

    static RunResult rr(String models, String server, String duration, List<String> extra) throws Exception {
        return rr(models, server, duration, extra, freePort());
    }

    /** `netoverhead run` with these arguments, its JSON read back. */
    private static RunResult run(List<String> args) throws Exception {
        Path json = Files.createTempFile(work, "run", ".json");
        Files.delete(json);
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", ROOT.resolve("target/netoverhead.jar").toString(), "run"));
        cmd.addAll(args);
        cmd.addAll(List.of("--out", work.resolve("results").toString(), "--json", json.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve("last-run.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("run did not finish in 30 minutes");
        }
        if (!Files.exists(json)) {
            throw new IOException("run failed: " + Files.readString(work.resolve("last-run.log")).strip().lines()
                    .reduce((a, b) -> b).orElse("exit " + p.exitValue()));
        }
        return JsonReport.read(json);
    }

    /** The runs of one model in a result: one, unless the run swept connection counts. */
    private static Stream<ModelRun> runsOf(RunResult result, String model) {
        return result.runs().stream().filter(run -> run.model().equals(model));
    }

    /** A figure of a model in a run (a key of its summary: "ops_per_s", "cpu_us_per_op"), the median over its iterations. */
    static double figure(RunResult result, String model, String key) {
        return runsOf(result, model).map(ModelRun::summary).filter(s -> s != null && s.containsKey(key))
                .mapToDouble(s -> s.get(key).median()).findFirst().orElse(Double.NaN);
    }

    /** A model's latency p99 in a run, in microseconds (rr's request, churn's transaction, idle's round trip). */
    static double p99Us(RunResult result, String model) {
        return runsOf(result, model).map(ModelRun::latency).filter(l -> l != null).mapToDouble(LatencySummary::p99Us)
                .findFirst().orElse(Double.NaN);
    }

    /** A model's aggregate throughput in a run, the median over its iterations. */
    static double aggregate(RunResult result, String model) {
        return runsOf(result, model).map(ModelRun::summary)
                .filter(summary -> summary != null && summary.containsKey("aggregate_mibps"))
                .mapToDouble(summary -> summary.get("aggregate_mibps").median()).findFirst().orElse(Double.NaN);
    }

    /**
     * Milliseconds from the first connect to the last in each of a model's iterations. How tightly the
     * connections start changes what every byte costs on loopback (see docs/performance.md), so the
     * java-native section shows it beside the throughput.
     */
    static List<Double> connectSpreadsMs(RunResult result, String model) {
        List<Double> spreads = new ArrayList<>();
        runsOf(result, model).flatMap(run -> run.iterations().stream()).filter(it -> it.jobs() != null).forEach(it -> {
            LongSummaryStatistics connected = it.jobs().stream().mapToLong(JobResult::connectedNs)
                    .filter(ns -> ns >= 0).summaryStatistics();
            if (connected.getCount() > 0) spreads.add((connected.getMax() - connected.getMin()) / 1e6);
        });
        return spreads;
    }

    /** Server CPU seconds per GiB received, median over the iterations. */
    static double serverCpuPerGiB(RunResult result) {
        return cpuPerGiB(result, IterationResult::serverCpuS);
    }

    /**
     * The client's CPU seconds (user and system) per GiB received, median over the iterations. On loopback a
     * server's TCP sends part of its data from the client's CPU (in the processing of the client's
     * acknowledgements), so a server's own CPU per GiB is only part of what its downloads cost.
     */
    static double clientCpuPerGiB(RunResult result) {
        return cpuPerGiB(result, it -> it.figures().cpuUserS() == null || it.figures().cpuSysS() == null ? null
                : it.figures().cpuUserS() + it.figures().cpuSysS());
    }

    private static double cpuPerGiB(RunResult result, Function<IterationResult, Double> seconds) {
        List<Double> perIteration = new ArrayList<>();
        for (IterationResult it : result.runs().getFirst().iterations()) {
            Double s = seconds.apply(it);
            if (s == null || it.failure() != null) continue;
            perIteration.add(s / (it.figures().bytesReceived() / (double) (1L << 30)));
        }
        return perIteration.isEmpty() ? Double.NaN : Bench.median(perIteration);
    }

    static List<String> available() throws Exception {
        Process p = new ProcessBuilder(JAVA, "-jar", ROOT.resolve("target/netoverhead.jar").toString(), "models")
                .redirectErrorStream(true).start();
        List<String> names = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && !line.startsWith(" ") && f[1].equals("available")) names.add(f[0]);
        }
        p.waitFor();
        return names;
    }

    /** Spawn to READY of a {@code poll} child, with or without the warm-up round. */
    static long childReadyMillis(boolean warmup) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA));
        cmd.addAll(List.of("-cp", ROOT.resolve("target/netoverhead.jar").toString()));
        cmd.addAll(netoverhead.process.JavaCommand.baseJvmOptions());
        cmd.addAll(List.of("netoverhead.child.ChildMain", "poll"));
        cmd.addAll(new netoverhead.model.ClientPlan("127.0.0.1", 9, "/", 1, 65536, 1000, 1000, null, 0, false,
                netoverhead.http.ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, warmup).toArgs());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] ready = p.getInputStream().readNBytes(6);
        long ms = (System.nanoTime() - start) / 1_000_000;
        p.getOutputStream().close(); // no GO: the child exits
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
        if (!new String(ready).equals("READY\n")) throw new IOException("child did not say READY");
        return ms;
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
