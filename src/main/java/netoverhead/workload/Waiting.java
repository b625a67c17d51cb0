package netoverhead.workload;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The child's waits for the window: until a time or an event, or until the thread running the jobs has ended. */
final class Waiting {
    /** How often a wait for an event looks whether the jobs have ended instead: rarely, so that idle time stays idle. */
    private static final long RUNNER_CHECK_MILLIS = 250;

    private Waiting() {}

    /** Waits for {@code thread} to end or the {@link System#nanoTime()} {@code deadline} to come, whichever is first. */
    static void joinUntil(Thread thread, long deadline) throws InterruptedException {
        long left;
        while (thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
            thread.join(Duration.ofNanos(left));
        }
    }

    /** Waits until {@code event} has happened or {@code thread} has ended. */
    static void awaitOrEnd(Thread thread, CountDownLatch event) throws InterruptedException {
        while (!event.await(RUNNER_CHECK_MILLIS, TimeUnit.MILLISECONDS) && thread.isAlive()) {
            // the event is set by a job's thread or event loop with one countDown
        }
    }
}
