import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import netoverhead.result.RunResult;

/**
 * The open loop holds (docs/performance.md): each round measures every model's closed-loop maximum against the
 * embedded server, then runs each model alone at half of it; every model should hold the rate (rate ratio at least
 * 0.99), and the event-loop models' p99 should stay under 1 ms on loopback. The open runs warm up for 6 s: a JVM
 * client starts interpreted, and at half of its compiled maximum it falls behind its schedule in a 2 s warm-up and
 * catches up inside the window, which then measures the backlog (rate ratios above 1, p99s of a second).
 */
final class OpenLoopSection {
    /** The models that wait in an event loop rather than in a thread per connection. */
    static final Set<String> EVENT_LOOPS = Set.of("poll", "poll-loops", "nio2", "netty-nio", "netty-epoll",
            "netty-iouring", "ffm-poll", "native-poll");

    static final String OPEN_WARMUP = "6s";

    private OpenLoopSection() {}

    static void halfOfMaximum(int rounds, String duration) throws Exception {
        List<String> models = new ArrayList<>(ToolRuns.available());
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        Map<String, List<Double>> p99s = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            java.util.Collections.rotate(models, 5);
            RunResult closed = ToolRuns.rr(String.join(",", models), "embedded", duration, List.of());
            List<String> said = new ArrayList<>();
            for (String m : models) {
                double max = ToolRuns.figure(closed, m, "ops_per_s");
                if (Double.isNaN(max)) continue;
                long rate = Math.max(1, Math.round(max / 2));
                StealTime before = StealTime.now();
                RunResult open = ToolRuns.rr(m, "embedded", duration, List.of("--rate", Long.toString(rate), "--warmup", OPEN_WARMUP));
                String steal = StealTime.now().since(before);
                double ratio = ToolRuns.figure(open, m, "rate_ratio");
                double p99 = ToolRuns.p99Us(open, m);
                ratios.computeIfAbsent(m, k -> new ArrayList<>()).add(ratio);
                p99s.computeIfAbsent(m, k -> new ArrayList<>()).add(p99);
                said.add(String.format("%s %d/s: %.3f, p99 %.0f us, CPUs %.0f%% busy%s", m, rate, ratio, p99,
                        100 * busyShare(open, m), steal == null ? "" : " (steal " + steal + ")"));
            }
            Bench.say("rr open loop: round " + (r + 1) + ", at half the closed-loop maximum: rate ratio, p99 " + said);
        }
        double lowest = Double.MAX_VALUE;
        String lowestModel = "";
        for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
            double median = Bench.median(e.getValue());
            if (median < lowest) {
                lowest = median;
                lowestModel = e.getKey();
            }
        }
        Bench.say("rr open loop: median rate ratio per model " + medians(ratios, "%.3f"));
        Bench.target("rr open loop at half the maximum: the lowest model's rate ratio (" + lowestModel + ")",
                ratios.get(lowestModel), "x", 0.99, true);
        Map<String, List<Double>> loops = new LinkedHashMap<>();
        p99s.forEach((m, values) -> {
            if (EVENT_LOOPS.contains(m)) loops.put(m, values);
        });
        Bench.say("rr open loop: median p99 per model, us " + medians(p99s, "%.0f"));
        String worst = loops.entrySet().stream().max((a, b) -> Double.compare(Bench.median(a.getValue()),
                Bench.median(b.getValue()))).map(Map.Entry::getKey).orElse(null);
        if (worst != null) {
            Bench.target("rr open loop at half the maximum: the highest event-loop p99 (" + worst + ")",
                    loops.get(worst).stream().map(us -> us / 1000).toList(), "ms", 1.0, false);
        }
    }

    /**
     * The share of the machine's CPUs that the client and the server took between them over the window: an open
     * loop costs more per request than a closed one (fewer requests per wake-up), so half the closed-loop maximum
     * keeps the CPUs more than half busy.
     */
    static double busyShare(RunResult run, String model) {
        double perRequestUs = ToolRuns.figure(run, model, "cpu_us_per_op")
                + ToolRuns.figure(run, model, "server_cpu_us_per_op");
        double cores = Runtime.getRuntime().availableProcessors();
        return perRequestUs * ToolRuns.figure(run, model, "ops_per_s") / 1e6 / cores;
    }

    private static String medians(Map<String, List<Double>> values, String format) {
        List<String> out = new ArrayList<>();
        values.forEach((m, v) -> out.add(m + " " + String.format(format, Bench.median(v))));
        return out.toString();
    }
}
