package netoverhead.model;

import java.util.concurrent.atomic.AtomicReference;

import netoverhead.job.JobRecord;
import netoverhead.workload.Workload;

/**
 * One virtual thread per job with the same blocking code as the threaded model: the JDK parks the virtual
 * thread on a blocked read and its poller wakes it, so the difference to the threaded model is the thread
 * (the job threads', and the setting-up thread's).
 */
public final class VirtualModel implements JvmModel {
    @Override public String name() { return "virtual"; }

    @Override public String label() { return "Virtual threads"; }

    @Override public String description() { return "one virtual thread per connection, blocking SocketChannel"; }

    /** Starts one thread of the kind before the window, so that the first job does not set the machinery up. */
    @Override
    public void prepare(ClientPlan plan) throws InterruptedException {
        Thread.ofVirtual().start(() -> { }).join();
    }

    /**
     * Sets the jobs up from a virtual thread, which runs on the scheduler without yielding until every job is
     * started, so that all of them are queued before the first runs. A platform thread setting them up beside a
     * one-CPU client's single carrier competes with that carrier: the first jobs start downloading while the
     * rest are still being submitted, and the carrier keeps running the threads its pollers wake, so most
     * connections wait for the first downloads to end.
     *
     * <p>Always starts in the ordinary class: a virtual thread has no scheduling class of its own, and the
     * carriers, created by the thread that starts the first virtual thread, would inherit the real-time class
     * and keep it for every download.
     */
    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread setup = Thread.ofVirtual().name("setup").start(() -> {
            try {
                ThreadPerJob.run(plan.withRealtimeStart(false), workload, jobs, Thread.ofVirtual().name("job-", 0),
                        "virtual thread");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        setup.join();
        switch (failure.get()) {
            case null -> { }
            case InterruptedException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(failure.get());
        }
    }
}
