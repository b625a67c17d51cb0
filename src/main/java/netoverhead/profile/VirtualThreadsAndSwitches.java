package netoverhead.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Virtual thread events (started, ended, pinned to their carrier, failed to be scheduled) and the context
 * switch rate. The JVM's jdk.ThreadContextSwitchRate is read from /proc/stat, so it counts the whole
 * machine, not the child alone; perf sched (--kernel) gives the child's own switches. The JVM's first
 * sample is the average since the machine booted, so the earliest one is left out.
 */
public final class VirtualThreadsAndSwitches implements JfrSummary {
    private long started;
    private long ended;
    private long pinned;
    private long pinnedNanos;
    private long submitFailed;
    private final List<double[]> rates = new ArrayList<>(); // {epoch nanos, switches per second}

    @Override
    public void accept(RecordedEvent e) {
        switch (e.getEventType().getName()) {
            case "jdk.VirtualThreadStart" -> started++;
            case "jdk.VirtualThreadEnd" -> ended++;
            case "jdk.VirtualThreadPinned" -> {
                pinned++;
                pinnedNanos += e.getDuration().toNanos();
            }
            case "jdk.VirtualThreadSubmitFailed" -> submitFailed++;
            case "jdk.ThreadContextSwitchRate" -> {
                Instant at = e.getStartTime();
                rates.add(new double[] {at.getEpochSecond() * 1e9 + at.getNano(), e.getFloat("switchRate")});
            }
            default -> { }
        }
    }

    @Override
    public String render(RecordingSpan span) {
        StringBuilder out = new StringBuilder("Virtual threads\n");
        out.append(String.format("  started %d, ended %d, pinned %d times (%.3f s in total), submit failed %d%n",
                started, ended, pinned, pinnedNanos / 1e9, submitFailed));
        out.append("\nContext switches (jdk.ThreadContextSwitchRate, the whole machine)\n");
        List<double[]> sinceFirst = rates.stream().sorted(Comparator.comparingDouble(r -> r[0])).skip(1).toList();
        if (rates.isEmpty()) {
            out.append("  not recorded (the recording was shorter than the sampling period)\n");
        } else if (sinceFirst.isEmpty()) {
            out.append("  not recorded over the run: its only sample is the average since the machine booted\n");
        } else {
            double sum = sinceFirst.stream().mapToDouble(r -> r[1]).sum();
            double max = sinceFirst.stream().mapToDouble(r -> r[1]).max().orElse(0);
            out.append(String.format("  %.0f per second on average, %.0f at most, over %d sample%s%n",
                    sum / sinceFirst.size(), max, sinceFirst.size(), sinceFirst.size() == 1 ? "" : "s"));
        }
        return out.toString();
    }
}
