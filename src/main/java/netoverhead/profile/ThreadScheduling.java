package netoverhead.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * How the child's threads were scheduled, per thread (a virtual thread's parks are its own; its CPU time is
 * its carrier's): CPU time from jdk.ThreadCPULoad, parks, sleeps, monitor waits and blocked monitor entries
 * with the time spent in each, and where threads parked most.
 */
public final class ThreadScheduling implements JfrSummary {
    static final int ROWS = 30;
    private static final Duration CPU_LOAD_PERIOD = Duration.ofMillis(20);

    private static final class PerThread {
        final String name;
        final List<double[]> loads = new ArrayList<>(); // {epoch nanos, user + system load}
        Instant started;
        double cpuSeconds;
        long parks;
        long parkedNanos;
        long sleeps;
        long sleptNanos;
        long waits;
        long waitedNanos;
        long blocked;
        long blockedNanos;

        PerThread(String name) {
            this.name = name;
        }
    }

    private final Map<Long, PerThread> threads = new HashMap<>();
    private final Map<String, Integer> parkSites = new HashMap<>();
    private int hwThreads;

    @Override
    public void accept(RecordedEvent e) {
        switch (e.getEventType().getName()) {
            case "jdk.CPUInformation" -> hwThreads = Math.max(hwThreads, e.getInt("hwThreads"));
            case "jdk.ThreadStart" -> {
                RecordedThread t = e.getThread("thread");
                if (t != null) of(t).started = e.getStartTime();
            }
            case "jdk.ThreadCPULoad" -> of(e.getThread()).loads.add(new double[] {
                    nanos(e.getStartTime()), e.getFloat("user") + e.getFloat("system")});
            case "jdk.ThreadPark" -> {
                PerThread t = of(e.getThread());
                t.parks++;
                t.parkedNanos += e.getDuration().toNanos();
                parkSites.merge(Frames.site(e.getStackTrace()), 1, Integer::sum);
            }
            case "jdk.ThreadSleep" -> {
                PerThread t = of(e.getThread());
                t.sleeps++;
                t.sleptNanos += e.getDuration().toNanos();
            }
            case "jdk.JavaMonitorWait" -> {
                PerThread t = of(e.getThread());
                t.waits++;
                t.waitedNanos += e.getDuration().toNanos();
            }
            case "jdk.JavaMonitorEnter" -> {
                PerThread t = of(e.getThread());
                t.blocked++;
                t.blockedNanos += e.getDuration().toNanos();
            }
            default -> { }
        }
    }

    private PerThread of(RecordedThread t) {
        long id = t == null ? -1 : t.getJavaThreadId();
        return threads.computeIfAbsent(id, k -> new PerThread(Frames.thread(t)));
    }

    private static double nanos(Instant i) {
        return i.getEpochSecond() * 1e9 + i.getNano();
    }

    /**
     * A load is the thread's CPU time over the interval since its previous sample divided by that interval
     * times the number of hardware threads, so CPU seconds are load x interval x hardware threads.
     */
    private void computeCpu() {
        int cores = hwThreads > 0 ? hwThreads : Runtime.getRuntime().availableProcessors();
        for (PerThread t : threads.values()) {
            t.loads.sort(Comparator.comparingDouble(l -> l[0]));
            double previous = Double.NaN;
            for (double[] l : t.loads) {
                double interval = Double.isNaN(previous) ? CPU_LOAD_PERIOD.toNanos() : l[0] - previous;
                if (Double.isNaN(previous) && t.started != null) interval = Math.min(interval, l[0] - nanos(t.started));
                t.cpuSeconds += l[1] * Math.max(0, interval) / 1e9 * cores;
                previous = l[0];
            }
        }
    }

    @Override
    public String render(RecordingSpan span) {
        computeCpu();
        List<PerThread> rows = new ArrayList<>(threads.values());
        rows.sort(Comparator.comparingDouble((PerThread t) -> t.cpuSeconds).reversed()
                .thenComparing(Comparator.comparingLong((PerThread t) -> t.parks).reversed())
                .thenComparing(t -> t.name));
        StringBuilder out = new StringBuilder("Per thread (CPU from jdk.ThreadCPULoad every 20 ms, so approximate; "
                + "a virtual thread's CPU is its carrier's)\n");
        out.append(String.format("  %-36s %8s %8s %10s %7s %9s %7s %9s %8s %9s%n", "thread", "CPU s", "parks",
                "parked s", "sleeps", "slept s", "waits", "waited s", "blocked", "blocked s"));
        PerThread rest = new PerThread("");
        int shown = 0;
        for (PerThread t : rows) {
            if (shown++ < ROWS) {
                out.append(row(Frames.shorten(t.name, 36), t));
            } else {
                add(rest, t);
            }
        }
        if (rows.size() > ROWS) out.append(row((rows.size() - ROWS) + " more threads", rest));
        PerThread total = new PerThread("");
        rows.forEach(t -> add(total, t));
        out.append(row("all " + rows.size() + " threads", total));
        out.append("\nWhere threads parked most (jdk.ThreadPark, first frame outside the JDK)\n");
        if (parkSites.isEmpty()) out.append("  no parks\n");
        parkSites.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .forEach(s -> out.append(String.format("  %8d  %s%n", s.getValue(), s.getKey())));
        return out.toString();
    }

    private static String row(String name, PerThread t) {
        return String.format("  %-36s %8.3f %8d %10.3f %7d %9.3f %7d %9.3f %8d %9.3f%n", name, t.cpuSeconds, t.parks,
                t.parkedNanos / 1e9, t.sleeps, t.sleptNanos / 1e9, t.waits, t.waitedNanos / 1e9, t.blocked,
                t.blockedNanos / 1e9);
    }

    private static void add(PerThread sum, PerThread t) {
        sum.cpuSeconds += t.cpuSeconds;
        sum.parks += t.parks;
        sum.parkedNanos += t.parkedNanos;
        sum.sleeps += t.sleeps;
        sum.sleptNanos += t.sleptNanos;
        sum.waits += t.waits;
        sum.waitedNanos += t.waitedNanos;
        sum.blocked += t.blocked;
        sum.blockedNanos += t.blockedNanos;
    }
}
