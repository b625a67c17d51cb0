package netoverhead.workload;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;

/**
 * The latencies of one iteration's operations, in nanoseconds: one histogram per thread that records (no
 * lock, no shared counter on the path of a request), merged once every job has ended. Two significant digits
 * (buckets under 0.8 percent apart) keep a thread's histogram near 10 KiB, which matters where every
 * connection has a thread of its own. The C clients bucket the same way, and both report a histogram as one
 * line of "value:count" pairs, each value the median of its bucket, which {@link #decode} reads back.
 */
public final class Latencies {
    static final int DIGITS = 2;

    private final Queue<IntCountsHistogram> all = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<IntCountsHistogram> mine = ThreadLocal.withInitial(() -> {
        IntCountsHistogram h = new IntCountsHistogram(DIGITS);
        all.add(h);
        return h;
    });

    /** An iteration's that records nothing (bulk). */
    public static final Latencies NONE = new Latencies();

    /** Records one operation's latency on the calling thread's histogram. */
    public void record(long nanos) {
        mine.get().recordValue(Math.max(0, nanos));
    }

    /** Records {@code count} operations of the same latency (idle's round trips, as the server reports them). */
    public void record(long nanos, long count) {
        mine.get().recordValueWithCount(Math.max(0, nanos), count);
    }

    /** Every thread's histogram added up; call once every recording thread has ended. */
    public Histogram merged() {
        Histogram merged = new Histogram(DIGITS);
        for (IntCountsHistogram h : all) merged.add(h);
        return merged;
    }

    /** The line the child writes: "value:count" per non-empty bucket, separated by spaces. */
    public String encode() {
        return encode(merged());
    }

    static String encode(AbstractHistogram histogram) {
        StringBuilder sb = new StringBuilder();
        for (HistogramIterationValue v : histogram.recordedValues()) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(histogram.medianEquivalentValue(v.getValueIteratedTo())).append(':')
                    .append(v.getCountAtValueIteratedTo());
        }
        return sb.toString();
    }

    /** A histogram of three significant digits holding every pair of {@code line}. */
    public static Histogram decode(String line) {
        Histogram h = new Histogram(3);
        for (String pair : line.strip().split(" ")) {
            if (pair.isEmpty()) continue;
            int colon = pair.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("not value:count: " + pair);
            long value = Long.parseLong(pair.substring(0, colon));
            long count = Long.parseLong(pair.substring(colon + 1));
            if (value < 0 || count < 0) throw new IllegalArgumentException("negative value:count: " + pair);
            h.recordValueWithCount(value, count);
        }
        return h;
    }
}
