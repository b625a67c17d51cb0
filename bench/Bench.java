import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import netoverhead.result.RunResult;
import netoverhead.result.Stat;

/**
 * The performance targets, checked the only way a shared, noisy machine allows: every comparison is made
 * side by side in one session, interleaved round by round, and judged by the median of per-round ratios.
 * Each section prints its ratios with their targets; nothing here is a pass/fail test of the build.
 */
public class Bench {
    static int rounds = 3;
    /**
     * Iterations of every run, judged by their median: on 2 busy cores one client process lands well or badly
     * (the same model's throughput swings between about 3 and 5 GiB/s from one process to the next), so a
     * single iteration per round is too few.
     */
    static int iterations = 3;
    static boolean quick;
    /**
     * --server-cpus and --client-cpus for the sections that compare throughput: the server on CPU 0, the
     * clients on the others. Left to itself on 2 cores, the kernel places the two sides differently from one
     * process to the next and the same run lands at 3 or at 5 GiB/s; kept apart, they land the same way.
     */
    static List<String> pinning = List.of();
    static final List<String> lines = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Set<String> only = BenchArgs.SECTIONS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = BenchArgs.count(args, ++i, "--rounds");
                case "--iterations" -> iterations = BenchArgs.count(args, ++i, "--iterations");
                case "--only" -> only = BenchArgs.sections(args, ++i);
                case "--no-pin" -> pinning = null;
                default -> BenchArgs.usage("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("netoverhead-bench");
        ToolRuns.work = work;
        int cpus = Runtime.getRuntime().availableProcessors();
        if (pinning != null && cpus >= 2) {
            pinning = List.of("--server-cpus", "0", "--client-cpus", cpus == 2 ? "1" : "1-" + (cpus - 1));
        } else {
            pinning = List.of();
        }
        String conns = quick ? "20" : "100";
        String payload = quick ? "32MiB" : "200MiB";
        say("netoverhead bench: " + rounds + " rounds of " + iterations + " iterations, " + conns + " connections x "
                + payload + (quick ? " (--quick)" : "") + ", on " + HostFacts.machine());
        say(pinning.isEmpty() ? "server and clients on any CPU" : "server on CPU 0, clients on CPU " + pinning.get(3)
                + " (harness, java-native, server, rr-harness sections)");
        say(HostFacts.loopback());
        say(HostFacts.idle());
        Map<String, Section> sections = new LinkedHashMap<>();
        sections.put("startup", Bench::startup);
        sections.put("harness", () -> harness(conns, payload));
        sections.put("java-native", () -> javaVersusNative(conns, payload));
        sections.put("server", () -> serverVersusLighttpd(conns, payload));
        sections.put("scale", () -> ScaleSection.run(quick ? 2000 : 10000));
        String window = quick ? "3s" : "10s";
        sections.put("rr-floor", () -> RrSections.floorVersusWrk(rounds, window));
        sections.put("rr-java", () -> RrSections.javaVersusFloor(rounds, window));
        sections.put("rr-server", () -> RrSections.serverVersusNginx(rounds, window));
        sections.put("rr-harness", () -> RrSections.harnessOverhead(rounds * iterations, quick ? "3s" : "5s"));
        sections.put("rr-open", () -> OpenLoopSection.halfOfMaximum(rounds, quick ? "3s" : "5s"));
        sections.put("churn", () -> ConnectionSections.churn(rounds, quick ? "3s" : "5s"));
        sections.put("idle", () -> ConnectionSections.idle(rounds, quick ? "3s" : "5s", quick));
        for (Map.Entry<String, Section> section : sections.entrySet()) {
            if (!only.contains(section.getKey())) continue;
            StealTime before = StealTime.now();
            section.getValue().run();
            String steal = StealTime.now().since(before);
            if (steal != null) say(section.getKey() + ": steal time (CPU the hypervisor gave elsewhere) " + steal);
        }
        Files.writeString(work.resolve("bench.txt"), String.join("\n", lines) + "\n");
    }

    interface Section {
        void run() throws Exception;
    }

    // ---- sections -------------------------------------------------------------------------------------

    static void startup() throws Exception {
        // the JVM's own start (the target), and the same with the warm-up round run adds by default, alternating
        List<Double> cold = new ArrayList<>();
        List<Double> warmed = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            cold.add((double) ToolRuns.childReadyMillis(false));
            warmed.add((double) ToolRuns.childReadyMillis(true));
        }
        target("start-up: child JVM ready to measure (median of " + cold.size() + ")", cold, "ms", 300, false);
        say(String.format("start-up: with the warm-up round (run's default, --no-warmup skips it), median %.0f ms, "
                + "the round %.0f ms", median(warmed), median(warmed) - median(cold)));
    }

    static void harness(String conns, String payload) throws Exception {
        // Pairs of one-iteration runs rather than rounds of longer ones: a pair's two runs are seconds apart, so
        // the machine drifts less between them, and rounds x iterations ratios give a steadier median than
        // rounds (three rounds of three-iteration runs once came out 0.945, 0.892, 0.836 where eight rounds
        // in the same session gave a median of 0.998)
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < rounds * iterations; pair++) {
            boolean fullFirst = pair % 2 == 0;
            double full = 0, bare = 0;
            for (int k = 0; k < 2; k++) {
                boolean isFull = (k == 0) == fullFirst;
                List<String> extra = new ArrayList<>(pinning);
                if (!isFull) extra.addAll(List.of("--sample-interval", "0", "--no-progress"));
                // against lighttpd, whose pinned runs agree within a few percent: against the embedded server the
                // rounds scattered by 15 percent, far more than the 2 percent to be resolved
                RunResult result = ToolRuns.run("poll", conns, payload, "lighttpd", 1, extra);
                double v = ToolRuns.aggregate(result, "poll");
                if (isFull) full = v; else bare = v;
            }
            ratios.add(full / bare);
        }
        say("harness overhead: per-pair ratios " + listed(ratios));
        target("harness overhead: poll under full harness / sampling and progress off", ratios, "x", 0.98, true);
    }

    static void javaVersusNative(String conns, String payload) throws Exception {
        List<String> models = new ArrayList<>(ToolRuns.available());
        if (!models.contains("native-threaded") || !models.contains("native-poll")) {
            say("java vs native: skipped, native models unavailable here");
            return;
        }
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> spreads = new LinkedHashMap<>();
        List<String> bestPairs = new ArrayList<>();
        // Real-time start where this process may use it: on the client's one CPU, the thread that starts the jobs
        // otherwise queues behind the jobs it has started, and HotSpot's Thread.start waits for each new thread,
        // so threaded took 1 to 4 s to start 100 jobs where native-threaded took 0.3 s; the comparison is then
        // of the scheduler's queue, not of the bytes' cost (docs/performance.md)
        List<String> options = new ArrayList<>(pinning);
        boolean realtime = netoverhead.os.RealtimeStart.check() == null;
        if (realtime) options.addAll(List.of("--start-priority", "realtime"));
        say("java vs native: thread-per-job models start " + (realtime ? "in the real-time class (--start-priority realtime)"
                : "in the ordinary class (no permission for the real-time one)"));
        for (int r = 0; r < rounds; r++) {
            Collections.rotate(models, 3); // a different model goes first each round
            RunResult result = ToolRuns.run(String.join(",", models), conns, payload, "lighttpd", iterations, options);
            Map<String, Double> agg = new LinkedHashMap<>();
            for (String m : models) {
                agg.put(m, ToolRuns.aggregate(result, m));
                spreads.computeIfAbsent(m, k -> new ArrayList<>()).addAll(ToolRuns.connectSpreadsMs(result, m));
            }
            Map.Entry<String, Double> bestJava = best(agg, false);
            Map.Entry<String, Double> bestNative = best(agg, true);
            bestPairs.add(bestJava.getKey() + " / " + bestNative.getKey());
            ratios.computeIfAbsent("threaded / native-threaded", k -> new ArrayList<>())
                    .add(agg.get("threaded") / agg.get("native-threaded"));
            ratios.computeIfAbsent("poll / native-poll", k -> new ArrayList<>()).add(agg.get("poll") / agg.get("native-poll"));
            ratios.computeIfAbsent("best Java / best native", k -> new ArrayList<>())
                    .add(bestJava.getValue() / bestNative.getValue());
            say("java vs native: round " + (r + 1) + " median aggregate MiB/s " + agg.entrySet().stream()
                    .map(e -> e.getKey() + " " + Math.round(e.getValue())).toList());
        }
        say("java vs native: first to last connect, median ms (iterations within 50 ms) " + spreads.entrySet().stream()
                .map(e -> String.format("%s %.0f (%d of %d)", e.getKey(), median(e.getValue()),
                        e.getValue().stream().filter(ms -> ms < 50).count(), e.getValue().size())).toList());
        ratios.forEach((what, perRound) -> say("java vs native: per-round ratios, " + what + " " + listed(perRound)
                + (what.startsWith("best") ? " " + bestPairs : "")));
        target("java vs native (lighttpd): threaded / native-threaded", ratios.get("threaded / native-threaded"), "x", 0.95, true);
        target("java vs native (lighttpd): poll / native-poll", ratios.get("poll / native-poll"), "x", 0.95, true);
        target("java vs native (lighttpd): best Java / best native", ratios.get("best Java / best native"), "x", 1.0, true);
    }

    static void serverVersusLighttpd(String conns, String payload) throws Exception {
        if (!ToolRuns.available().contains("native-threaded")) {
            say("embedded server vs lighttpd: skipped, native-threaded unavailable here");
            return;
        }
        List<Double> throughput = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> bothCpu = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Map<String, RunResult> byServer = new LinkedHashMap<>();
            List<String> order = r % 2 == 0 ? List.of("embedded", "lighttpd") : List.of("lighttpd", "embedded");
            for (String server : order) {
                byServer.put(server, ToolRuns.run("native-threaded", conns, payload, server, iterations, pinning));
            }
            RunResult embedded = byServer.get("embedded");
            RunResult lighttpd = byServer.get("lighttpd");
            double embeddedMibps = ToolRuns.aggregate(embedded, "native-threaded");
            double lighttpdMibps = ToolRuns.aggregate(lighttpd, "native-threaded");
            say(String.format("server: round %d medians: embedded %.0f MiB/s, %.3f CPU s/GiB (client %.3f); lighttpd"
                    + " %.0f MiB/s, %.3f CPU s/GiB (client %.3f)", r + 1, embeddedMibps,
                    ToolRuns.serverCpuPerGiB(embedded), ToolRuns.clientCpuPerGiB(embedded), lighttpdMibps,
                    ToolRuns.serverCpuPerGiB(lighttpd), ToolRuns.clientCpuPerGiB(lighttpd)));
            throughput.add(embeddedMibps / lighttpdMibps);
            cpu.add(ToolRuns.serverCpuPerGiB(embedded) / ToolRuns.serverCpuPerGiB(lighttpd));
            bothCpu.add((ToolRuns.serverCpuPerGiB(embedded) + ToolRuns.clientCpuPerGiB(embedded))
                    / (ToolRuns.serverCpuPerGiB(lighttpd) + ToolRuns.clientCpuPerGiB(lighttpd)));
        }
        say("server: per-round ratios, throughput " + listed(throughput) + ", CPU seconds per GiB " + listed(cpu));
        target("embedded server / lighttpd: throughput (native-threaded client)", throughput, "x", 1.0, true);
        target("embedded server / lighttpd: server CPU seconds per GiB", cpu, "x", 1.0, false);
        // Not a target: on loopback a server's TCP sends part of its data from the client's CPU, so the
        // server's own CPU per GiB can fall while the machine's rises.
        say(String.format("server: server and client CPU seconds per GiB together, embedded / lighttpd, median %.3f x,"
                + " per round %s", median(bothCpu), listed(bothCpu)));
    }

    /** The model with the highest throughput among the native ones, or among the others. */
    static Map.Entry<String, Double> best(Map<String, Double> aggregate, boolean nativeModels) {
        return aggregate.entrySet().stream().filter(e -> e.getKey().startsWith("native") == nativeModels)
                .max(Map.Entry.comparingByValue()).orElseThrow();
    }

    static String listed(List<Double> ratios) {
        return ratios.stream().map(r -> String.format("%.3f", r)).toList().toString();
    }

    static double median(List<Double> values) {
        return Stat.of(values).median();
    }

    /**
     * A target judged by the median of several measurements, with the median's confidence interval beside
     * the verdict: where the interval straddles the target, the noise alone could have put the median on
     * either side, and the verdict says so rather than passing for a finding.
     */
    static void target(String what, List<Double> values, String unit, double target, boolean atLeast) {
        MedianInterval m = MedianInterval.of(values);
        target(what, m.median(), unit, target, atLeast, String.format("  %.0f%% interval %.3f to %.3f%s",
                m.coverage() * 100, m.low(), m.high(), m.straddles(target) ? ", straddles the target" : ""));
    }

    static void target(String what, double value, String unit, double target, boolean atLeast) {
        target(what, value, unit, target, atLeast, "");
    }

    static void target(String what, double value, String unit, double target, boolean atLeast, String note) {
        boolean met = atLeast ? value >= target : value <= target;
        // cut to three decimals towards the side that misses, so that the figure shown agrees with the verdict:
        // 0.9495 against ">= 0.95" reads "0.949 MISSED", not "0.950 MISSED"
        double shown = (atLeast ? Math.floor(value * 1000) : Math.ceil(value * 1000)) / 1000;
        say(String.format("%-72s %8.3f %-4s target %s %-6s %-6s%s", what, shown, unit, atLeast ? ">=" : "<=",
                trim(target), met ? "met" : "MISSED", note).stripTrailing());
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
        lines.add(line);
    }
}
