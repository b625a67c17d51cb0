package netoverhead.profile;

import jdk.jfr.consumer.RecordedEvent;

/**
 * What the model cost the garbage collector: collections and their pauses (jdk.GarbageCollection), the
 * largest heap in use seen (jdk.GCHeapSummary, jdk.GCHeapMemoryUsage), and the allocation rate estimated from
 * jdk.ObjectAllocationSample, whose weights add up to the bytes allocated.
 */
public final class GcAndAllocation implements JfrSummary {
    private int collections;
    private long pauseNanos;
    private long longestPauseNanos;
    private long heapUsedPeak;
    private long allocatedEstimate;
    private int allocationSamples;

    @Override
    public void accept(RecordedEvent e) {
        switch (e.getEventType().getName()) {
            case "jdk.GarbageCollection" -> {
                collections++;
                pauseNanos += e.getDuration("sumOfPauses").toNanos();
                longestPauseNanos = Math.max(longestPauseNanos, e.getDuration("longestPause").toNanos());
            }
            case "jdk.GCHeapSummary" -> heapUsedPeak = Math.max(heapUsedPeak, e.getLong("heapUsed"));
            case "jdk.GCHeapMemoryUsage" -> heapUsedPeak = Math.max(heapUsedPeak, e.getLong("used"));
            case "jdk.ObjectAllocationSample" -> {
                allocationSamples++;
                allocatedEstimate += e.getLong("weight");
            }
            default -> { }
        }
    }

    @Override
    public String render(RecordingSpan span) {
        StringBuilder out = new StringBuilder("GC and allocation\n");
        out.append(String.format("  collections %d, pauses %.3f ms in total, longest %.3f ms%n", collections,
                pauseNanos / 1e6, longestPauseNanos / 1e6));
        out.append(String.format("  heap in use at most %.1f MiB (jdk.GCHeapSummary, jdk.GCHeapMemoryUsage)%n",
                heapUsedPeak / 1048576.0));
        double seconds = span.seconds();
        out.append(String.format("  allocated about %.1f MiB (%d allocation samples), %s%n",
                allocatedEstimate / 1048576.0, allocationSamples,
                seconds > 0 ? String.format("%.1f MiB/s over the recording", allocatedEstimate / 1048576.0 / seconds)
                        : "no rate (empty recording)"));
        return out.toString();
    }
}
