import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.UnixOperatingSystemMXBean;

import netoverhead.os.PortRange;
import netoverhead.result.RunResult;

/**
 * The bill of a connection (docs/performance.md): churn, what opening and closing one costs each model against
 * native-poll's (reported, no target), and idle, the memory an idle connection holds at the largest count the
 * machine allows up to 100,000, and at 100,000 as two counts give it, against the targets per model.
 */
final class ConnectionSections {
    static final int IDLE_TARGET_CONNECTIONS = 100_000;
    /** Descriptors and ports kept aside for the JVM, the server's listener and everything else a run opens. */
    static final int SPARE = 1_000;

    /** idle's memory targets, KiB per connection above the baseline, at most. */
    static final Map<String, Double> IDLE_MEMORY_TARGETS = targets();

    private ConnectionSections() {}

    private static Map<String, Double> targets() {
        Map<String, Double> t = new LinkedHashMap<>();
        for (String m : List.of("poll", "poll-loops", "ffm-poll")) t.put(m, 2.0);
        t.put("virtual", 4.0);
        t.put("native-poll", 0.5);
        return Collections.unmodifiableMap(t);
    }

    /** churn against the embedded server: every model in one run per round, CPU per connection over native-poll's. */
    static void churn(int rounds, String duration) throws Exception {
        List<String> models = new ArrayList<>(ToolRuns.available());
        if (!models.contains("native-poll")) {
            Bench.say("churn: skipped, native-poll unavailable here");
            return;
        }
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            Collections.rotate(models, 5); // a different model goes first each round
            RunResult result = ToolRuns.operations("churn", String.join(",", models), "100", duration, List.of());
            double floor = ToolRuns.figure(result, "native-poll", "cpu_us_per_op");
            List<String> said = new ArrayList<>();
            for (String m : models) {
                double cpu = ToolRuns.figure(result, m, "cpu_us_per_op");
                if (Double.isNaN(cpu)) continue;
                ratios.computeIfAbsent(m, k -> new ArrayList<>()).add(cpu / floor);
                said.add(String.format("%s %.1f (%.0f/s, %.1f syscalls)", m, cpu, ToolRuns.figure(result, m, "ops_per_s"),
                        ToolRuns.figure(result, m, "syscalls_per_op")));
            }
            Bench.say("churn: round " + (r + 1) + ", CPU us per connection (connections/s, system calls) " + said);
        }
        ratios.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> Double.compare(Bench.median(a),
                Bench.median(b)))).forEach(e -> {
            MedianInterval mi = MedianInterval.of(e.getValue());
            Bench.say(String.format("churn (embedded): %s CPU per connection / native-poll's (no target) %.3f x, "
                    + "%.0f%% interval %.3f to %.3f", e.getKey(), mi.median(), mi.coverage() * 100, mi.low(), mi.high()));
        });
    }

    /**
     * idle against the embedded server at the largest count this machine allows up to 100,000 (N), and at N/2: each
     * round every model in one run at each count. Memory per idle connection at N is judged against its target,
     * standing CPU and the round trip's p99 beside it. Where N is short of 100,000, the two counts also give what a
     * connection adds (the slope) and what the child grows whatever the count (the intercept), and from them the
     * figure at 100,000: a child's fixed growth after its baseline is a larger share per connection at N than at
     * 100,000, and this is the figure the targets name.
     */
    static void idle(int rounds, String duration, boolean quick) throws Exception {
        int connections = quick ? 2_000 : idleConnections();
        int half = connections / 2;
        boolean belowTarget = connections < IDLE_TARGET_CONNECTIONS;
        Bench.say("idle: " + connections + " and " + half + " connections" + (belowTarget ? " (the targets are for "
                + IDLE_TARGET_CONNECTIONS + "; " + limits() + ")" : ""));
        List<String> models = new ArrayList<>(ToolRuns.available());
        Map<String, List<Double>> memory = new LinkedHashMap<>();
        Map<String, List<Double>> atTarget = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            Collections.rotate(models, 5);
            Map<String, Double> halfKib = new LinkedHashMap<>();
            for (int count : List.of(half, connections)) {
                RunResult result = ToolRuns.operations("idle", String.join(",", models), Integer.toString(count),
                        duration, List.of());
                List<String> said = new ArrayList<>();
                for (String m : models) {
                    double kib = ToolRuns.figure(result, m, "memory_per_connection_kib");
                    if (Double.isNaN(kib)) continue;
                    said.add(String.format("%s %.2f KiB (%.3f CPU s/s, p99 %.0f us)", m, kib,
                            ToolRuns.figure(result, m, "standing_cpu_s_per_s"), ToolRuns.p99Us(result, m)));
                    if (count == half) {
                        halfKib.put(m, kib);
                        continue;
                    }
                    memory.computeIfAbsent(m, k -> new ArrayList<>()).add(kib);
                    if (halfKib.containsKey(m)) {
                        // total(n) = fixed + slope * n, from the two counts of this round
                        double slope = (kib * connections - halfKib.get(m) * half) / (connections - half);
                        double fixed = kib * connections - slope * connections;
                        atTarget.computeIfAbsent(m, k -> new ArrayList<>()).add(slope + fixed / IDLE_TARGET_CONNECTIONS);
                    }
                }
                Bench.say("idle: round " + (r + 1) + ", " + count + " connections, memory per idle connection "
                        + "(standing CPU, round-trip p99) " + said);
            }
        }
        memory.forEach((m, values) -> {
            if (IDLE_MEMORY_TARGETS.containsKey(m)) return;
            Bench.say(String.format("idle %d: %s memory per idle connection (no target) %.2f KiB", connections, m,
                    Bench.median(values)));
        });
        IDLE_MEMORY_TARGETS.forEach((m, target) -> {
            if (!memory.containsKey(m)) {
                Bench.say("idle " + connections + ": " + m + " unavailable here");
                return;
            }
            Bench.target("idle " + connections + ": " + m + " memory per idle connection", memory.get(m), "KiB",
                    target, false);
            if (belowTarget && atTarget.containsKey(m)) {
                Bench.target("idle " + IDLE_TARGET_CONNECTIONS + " (from " + half + " and " + connections + "): " + m,
                        atTarget.get(m), "KiB", target, false);
            }
        });
    }

    /** The largest whole thousand of connections, up to 100,000, that the open-file limit and the port range allow. */
    static int idleConnections() {
        long most = IDLE_TARGET_CONNECTIONS;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() > 0) {
            most = Math.min(most, os.getMaxFileDescriptorCount() - SPARE);
        }
        most = Math.min(most, PortRange.current().map(p -> (long) p.size()).orElse(most) - SPARE);
        return (int) Math.max(1_000, most / 1_000 * 1_000);
    }

    private static String limits() {
        String files = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os
                ? Long.toString(os.getMaxFileDescriptorCount()) : "unknown";
        return "open-file limit " + files + ", local ports " + PortRange.current().map(p -> p + " (" + p.size() + ")")
                .orElse("unknown");
    }
}
