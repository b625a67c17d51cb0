import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import netoverhead.result.RunResult;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerKind;
import netoverhead.server.ServerLauncher;
import netoverhead.server.ServerSpec;

/**
 * The request/response targets (docs/performance.md): 100 connections, 128 B answers, closed loop. CPU per request
 * is the primary ratio (far steadier than requests per second here); throughput is printed beside it. Servers
 * run for the whole section, started through the tool's own launchers, and every round interleaves the sides.
 */
final class RrSections {
    static final int CONNECTIONS = 100;
    static final String PATH = "/rr/128";

    private RrSections() {}

    /** Java against the C floor, against nginx: the best Java model and poll, CPU per request over native-poll's. */
    static void javaVersusFloor(int rounds, String duration) throws Exception {
        List<String> models = new ArrayList<>(ToolRuns.available());
        if (!models.contains("native-poll")) {
            Bench.say("rr java vs floor: skipped, native-poll unavailable here");
            return;
        }
        if (!installed("nginx")) {
            Bench.say("rr java vs floor: skipped, nginx is not installed");
            return;
        }
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        List<String> best = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Collections.rotate(models, 5); // a different model goes first each round
            RunResult result = ToolRuns.rr(String.join(",", models), "nginx", duration, List.of());
            Map<String, Double> cpu = new LinkedHashMap<>();
            Map<String, Double> rate = new LinkedHashMap<>();
            for (String m : models) {
                cpu.put(m, ToolRuns.figure(result, m, "cpu_us_per_op"));
                rate.put(m, ToolRuns.figure(result, m, "ops_per_s"));
            }
            double floor = cpu.get("native-poll");
            String bestJava = cpu.entrySet().stream().filter(e -> !e.getKey().startsWith("native-"))
                    .filter(e -> !e.getValue().isNaN()).min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            best.add(bestJava);
            ratios.computeIfAbsent("best Java / native-poll", k -> new ArrayList<>()).add(cpu.get(bestJava) / floor);
            for (String m : List.of("poll", "threaded", "virtual")) {
                ratios.computeIfAbsent(m + " / native-poll", k -> new ArrayList<>()).add(cpu.get(m) / floor);
            }
            Bench.say("rr java vs floor: round " + (r + 1) + ", CPU us per request (requests/s) " + models.stream()
                    .map(m -> String.format("%s %.2f (%.0f)", m, cpu.get(m), rate.get(m))).toList());
        }
        ratios.forEach((what, perRound) -> Bench.say("rr java vs floor: per-round ratios, " + what + " "
                + Bench.listed(perRound) + (what.startsWith("best") ? " " + best : "")));
        Bench.target("rr (nginx): best Java CPU per request / native-poll's", ratios.get("best Java / native-poll"),
                "x", 1.2, false);
        Bench.target("rr (nginx): poll CPU per request / native-poll's", ratios.get("poll / native-poll"), "x", 1.3,
                false);
        for (String m : List.of("threaded", "virtual")) {
            MedianInterval mi = MedianInterval.of(ratios.get(m + " / native-poll"));
            Bench.say(String.format("rr (nginx): %s CPU per request / native-poll's (no target) %.3f x, %.0f%% "
                    + "interval %.3f to %.3f", m, mi.median(), mi.coverage() * 100, mi.low(), mi.high()));
        }
    }

    /**
     * The harness's cost on rr, as bulk's is measured: pairs of poll runs against nginx under the full harness
     * (10 ms sampling, progress) and with sampling and progress off, requests per second and CPU per request
     * of each pair compared. The per-request timestamps and histogram cannot be switched off (they are the
     * measurement), so their cost is timed here in this JVM and set against poll's CPU per request.
     */
    static void harnessOverhead(int pairs, String duration) throws Exception {
        if (!installed("nginx")) {
            Bench.say("rr harness: skipped, nginx is not installed");
            return;
        }
        List<Double> rates = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        List<Double> cpuPerRequest = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            boolean fullFirst = pair % 2 == 0;
            double[] full = null, bare = null;
            for (int k = 0; k < 2; k++) {
                boolean isFull = (k == 0) == fullFirst;
                // pinned as bulk's pairs are (server CPU 0, client the others): unpinned, pairs of 5 s rr runs
                // scattered from 0.82 to 1.12, far more than the 2 percent to be resolved
                List<String> extra = new ArrayList<>(Bench.pinning);
                if (!isFull) extra.addAll(List.of("--sample-interval", "0", "--no-progress"));
                RunResult result = ToolRuns.rr("poll", "nginx", duration, extra);
                double[] v = {ToolRuns.figure(result, "poll", "ops_per_s"), ToolRuns.figure(result, "poll", "cpu_us_per_op")};
                if (isFull) full = v; else bare = v;
            }
            rates.add(full[0] / bare[0]);
            cpus.add(full[1] / bare[1]);
            cpuPerRequest.add(full[1]);
        }
        Bench.say("rr harness: per-pair ratios, requests/s " + Bench.listed(rates) + ", CPU per request " + Bench.listed(cpus));
        Bench.target("rr harness overhead: poll requests/s under full harness / sampling and progress off", rates, "x",
                0.98, true);
        MedianInterval cpu = MedianInterval.of(cpus);
        Bench.say(String.format("rr harness: CPU per request, full / off (no target) %.3f x, %.0f%% interval %.3f to %.3f",
                cpu.median(), cpu.coverage() * 100, cpu.low(), cpu.high()));
        double nanos = timestampAndRecordNanos();
        Bench.say(String.format("rr harness: two timestamps and a histogram record per request cost %.1f ns here, %.2f%% of "
                + "poll's %.1f us of CPU per request", nanos, 100 * nanos / (Bench.median(cpuPerRequest) * 1000),
                Bench.median(cpuPerRequest)));
    }

    /** What a model does per request for the measurement alone: two System.nanoTime() calls and one record. */
    static double timestampAndRecordNanos() {
        netoverhead.workload.Latencies latencies = new netoverhead.workload.Latencies();
        long sink = 0;
        double best = Double.MAX_VALUE;
        for (int trial = 0; trial < 7; trial++) { // the first trials run interpreted; the fastest is the compiled cost
            int n = 5_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long sent = System.nanoTime();
                long answered = System.nanoTime();
                latencies.record(answered - sent + (i & 1023) * 1000L);
                sink += answered;
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        if (sink == 42) Bench.say(""); // keeps the loop's work observable
        return best;
    }

    /** The native floor is real: native-poll's requests per second against wrk's, same nginx, same connections. */
    static void floorVersusWrk(int rounds, String duration) throws Exception {
        if (!installed("wrk") || !installed("nginx")) {
            Bench.say("rr floor vs wrk: skipped, needs wrk and nginx (apt-get install wrk nginx-light)");
            return;
        }
        if (!ToolRuns.available().contains("native-poll")) {
            Bench.say("rr floor vs wrk: skipped, native-poll unavailable here");
            return;
        }
        List<Double> ratios = new ArrayList<>();
        try (Started nginx = start(ServerKind.NGINX)) {
            int port = nginx.port();
            for (int r = 0; r < rounds; r++) {
                double wrk = 0, ours = 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == (r % 2 == 0)) {
                        wrk = Wrk.run(port, PATH, CONNECTIONS, duration).requestsPerSecond();
                    } else {
                        RunResult result = ToolRuns.rr("native-poll", "external", duration,
                                List.of("--path", PATH), port);
                        ours = ToolRuns.figure(result, "native-poll", "ops_per_s");
                    }
                }
                Bench.say(String.format("rr floor vs wrk: round %d, requests/s native-poll %.0f, wrk %.0f", r + 1,
                        ours, wrk));
                ratios.add(ours / wrk);
            }
        }
        Bench.say("rr floor vs wrk: per-round ratios " + Bench.listed(ratios));
        Bench.target("rr (nginx): native-poll requests/s / wrk -t1 -c100's", ratios, "x", 0.9, true);
    }

    /** The embedded server is never the bottleneck: wrk against it and against nginx, interleaved. */
    static void serverVersusNginx(int rounds, String duration) throws Exception {
        if (!installed("wrk") || !installed("nginx")) {
            Bench.say("rr server vs nginx: skipped, needs wrk and nginx (apt-get install wrk nginx-light)");
            return;
        }
        List<Double> throughput = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        try (Started embedded = start(ServerKind.EMBEDDED); Started nginx = start(ServerKind.NGINX)) {
            for (int r = 0; r < rounds; r++) {
                Map<String, double[]> by = new LinkedHashMap<>();
                List<Started> order = r % 2 == 0 ? List.of(embedded, nginx) : List.of(nginx, embedded);
                for (Started server : order) {
                    OptionalLong before = server.handle().cpuNanos();
                    Wrk.Result w = Wrk.run(server.port(), PATH, CONNECTIONS, duration);
                    OptionalLong after = server.handle().cpuNanos();
                    double cpuUs = before.isPresent() && after.isPresent()
                            ? (after.getAsLong() - before.getAsLong()) / 1e3 / w.requests() : Double.NaN;
                    by.put(server == embedded ? "embedded" : "nginx", new double[] {w.requestsPerSecond(), cpuUs});
                }
                double[] e = by.get("embedded");
                double[] n = by.get("nginx");
                Bench.say(String.format("rr server vs nginx: round %d, wrk requests/s (server CPU us per request) "
                        + "embedded %.0f (%.2f), nginx %.0f (%.2f)", r + 1, e[0], e[1], n[0], n[1]));
                throughput.add(e[0] / n[0]);
                cpu.add(e[1] / n[1]);
            }
        }
        Bench.say("rr server vs nginx: per-round ratios, requests/s " + Bench.listed(throughput)
                + ", server CPU per request " + Bench.listed(cpu));
        Bench.target("rr (wrk): embedded server requests/s / nginx's", throughput, "x", 1.0, true);
        Bench.target("rr (wrk): embedded server CPU per request / nginx's", cpu, "x", 1.0, false);
    }

    /** A server the tool starts, and its port. */
    record Started(ServerHandle handle, int port) implements AutoCloseable {
        @Override
        public void close() {
            handle.close();
        }
    }

    /** A server of the tool's own making on a free port, serving /rr/128, for the whole section. */
    private static Started start(ServerKind kind) throws IOException, InterruptedException {
        int port = ToolRuns.freePort();
        ServerSpec spec = ServerSpec.local("127.0.0.1", port, "/testpayload", 1024, CONNECTIONS)
                .withResponseSizes(List.of(128L));
        return new Started(ServerLauncher.open(kind, spec, line -> { }), port);
    }

    private static boolean installed(String program) {
        return Stream.of("/usr/local/bin", "/usr/bin", "/usr/local/sbin", "/usr/sbin")
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** wrk, the C client users reach for: one thread, N connections, keep-alive, for a duration. */
    static final class Wrk {
        private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
        private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");

        record Result(double requestsPerSecond, long requests) {}

        static Result run(int port, String path, int connections, String duration) throws Exception {
            Process p = new ProcessBuilder("wrk", "-t1", "-c" + connections,
                    "-d" + duration, "http://127.0.0.1:" + port + path).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("wrk did not end");
            }
            Matcher rate = RATE.matcher(out);
            Matcher total = TOTAL.matcher(out);
            if (!rate.find() || !total.find() || out.contains("Non-2xx")) throw new IOException("wrk said: " + out);
            return new Result(Double.parseDouble(rate.group(1)), Long.parseLong(total.group(1)));
        }
    }
}
