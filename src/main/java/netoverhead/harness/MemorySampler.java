package netoverhead.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

import netoverhead.process.ProcFs;
import netoverhead.result.MemorySample;

/**
 * Samples a child's RSS from outside at a fixed interval while its measured window is open. The average
 * and peak are over every sample; the stored curve is thinned to at most {@link #MAX_STORED} points so
 * that long runs keep small result files.
 */
public final class MemorySampler implements AutoCloseable {
    public static final int MAX_STORED = 2000;

    private final ProcFs proc;
    private final long intervalNanos;
    private final Thread thread;
    private final List<long[]> samples = new ArrayList<>(); // {nanoTime, rssBytes}
    private volatile boolean running = true;

    public MemorySampler(ProcFs proc, long intervalNanos) {
        this.proc = proc;
        this.intervalNanos = intervalNanos;
        this.thread = Thread.ofPlatform().daemon().name("netoverhead-memory-sampler").unstarted(this::loop);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            sampleNow();
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            else next = System.nanoTime(); // fell behind: do not burst to catch up
        }
    }

    /** Takes one sample now; also called by the runner at the window's edges. */
    public void sampleNow() {
        OptionalLong rss = proc.rssBytes();
        if (rss.isPresent()) {
            synchronized (samples) {
                samples.add(new long[] {System.nanoTime(), rss.getAsLong()});
            }
        }
    }

    /** Stops sampling and waits for the sampling thread to end. */
    public void stop() throws InterruptedException {
        running = false;
        if (thread.isAlive()) {
            LockSupport.unpark(thread);
            thread.join(1000);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The samples taken in [from, to] (nanoTime), with times in ms relative to {@code from}. */
    public Summary summary(long from, long to) {
        List<long[]> window = new ArrayList<>();
        synchronized (samples) {
            for (long[] s : samples) if (s[0] >= from && s[0] <= to) window.add(s);
        }
        if (window.isEmpty()) return new Summary(null, null, List.of());
        double sum = 0;
        long peak = 0;
        for (long[] s : window) {
            sum += s[1];
            peak = Math.max(peak, s[1]);
        }
        int step = Math.max(1, (window.size() + MAX_STORED - 1) / MAX_STORED);
        List<MemorySample> curve = new ArrayList<>();
        for (int i = 0; i < window.size(); i += step) {
            long[] s = window.get(i);
            curve.add(new MemorySample((s[0] - from) / 1e6, s[1]));
        }
        return new Summary(sum / window.size(), (double) peak, curve);
    }

    /** Average and peak RSS in bytes over a window, null when nothing could be sampled. */
    public record Summary(Double averageBytes, Double peakBytes, List<MemorySample> curve) {}
}
