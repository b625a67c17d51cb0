package netoverhead.profile;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Virtual thread events (started, ended, pinned to their carrier, failed to be scheduled) and the context
 * switch rate. The JVM's jdk.ThreadContextSwitchRate is read from /proc/stat, so it counts the whole
 * machine, not the child alone; perf sched (--kernel) gives the child's own switches.
 */
public final class VirtualThreadsAndSwitches implements JfrSummary {
    private long started;
    private long ended;
    private long pinned;
    private long pinnedNanos;
    private long submitFailed;
    private int rateSamples;
    private double rateSum;
    private double rateMax;

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
                double rate = e.getFloat("switchRate");
                rateSamples++;
                rateSum += rate;
                rateMax = Math.max(rateMax, rate);
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
        if (rateSamples == 0) {
            out.append("  not recorded\n");
        } else {
            out.append(String.format("  %.0f per second on average, %.0f at most, over %d samples%n",
                    rateSum / rateSamples, rateMax, rateSamples));
        }
        return out.toString();
    }
}
