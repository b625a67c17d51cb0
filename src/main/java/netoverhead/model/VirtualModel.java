package netoverhead.model;

import netoverhead.job.JobRecord;

/**
 * One virtual thread per job with the same blocking code as the threaded model: the JDK parks the virtual
 * thread on a blocked read and its poller wakes it, so the difference to the threaded model is the thread.
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
     * Always starts in the ordinary class: the carrier threads that run virtual threads would be created by
     * the setting-up thread, inherit the real-time class and keep it for every download.
     */
    @Override
    public void run(ClientPlan plan, JobRecord[] jobs, long origin) throws InterruptedException {
        ThreadPerJob.run(plan.withRealtimeStart(false), jobs, origin, Thread.ofVirtual().name("job-", 0), "virtual thread");
    }
}
