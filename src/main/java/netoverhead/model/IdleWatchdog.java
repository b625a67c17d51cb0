package netoverhead.model;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces connect and idle timeouts for models whose jobs block in the kernel: a blocked read cannot
 * watch the clock, so one daemon thread closes the socket of any job past its deadline, which wakes the
 * read with an exception that the job then reports as a timeout.
 */
public final class IdleWatchdog implements AutoCloseable {
    /**
     * One watched job: first a fixed deadline (the connect's), then an idle timeout that every read puts off.
     * A read only counts itself; the watchdog's thread reads the clock when it sees the count move, so that a
     * job does not pay for a clock reading on every read.
     */
    public static final class Watch {
        private final Closeable resource;
        private volatile long deadline;
        private volatile long idleNanos;
        private volatile long progress;
        private long progressSeen;
        private volatile String expired;

        private Watch(Closeable resource, long deadline) {
            this.resource = resource;
            this.deadline = deadline;
        }

        /** From now on, expire after {@code nanos} without {@link #progress()}. */
        public void idle(long nanos, long nanoTimeNow) {
            idleNanos = nanos;
            deadline = nanoTimeNow + nanos;
        }

        /** Something arrived: puts the idle deadline off. Only the job's own thread calls it. */
        public void progress() {
            progress++;
        }

        /** The reason the watchdog closed this job's socket, or null if it did not. */
        public String expired() {
            return expired;
        }
    }

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    public IdleWatchdog() {
        thread = Thread.ofPlatform().daemon().name("netoverhead-watchdog").unstarted(this::loop);
        thread.start();
    }

    public Watch watch(Closeable resource, long deadline) {
        Watch w = new Watch(resource, deadline);
        watches.add(w);
        return w;
    }

    public void release(Watch w) {
        watches.remove(w);
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watches) {
                long progress = w.progress;
                if (progress != w.progressSeen) {
                    w.progressSeen = progress;
                    w.deadline = now + w.idleNanos;
                } else if (now - w.deadline > 0) {
                    w.expired = "no progress before the deadline";
                    watches.remove(w);
                    try {
                        w.resource.close();
                    } catch (IOException ignored) {
                        // the job reports the timeout; a failed close adds nothing
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
