package netoverhead.model;

import netoverhead.os.RealtimeStart;

/**
 * The scheduling class that models with one platform thread per job start their jobs in, as the plan says
 * ({@link ClientPlan#realtimeStart()}): with it, the setting-up thread runs in the real-time class from the
 * first job to the last, each job thread inherits the class and leaves it once its request is sent. The
 * downloads themselves always run in the ordinary class.
 */
public final class JobStart {
    private JobStart() {}

    /** Before the window: links the system call, so that the first job does not pay for it. */
    public static void prepare(ClientPlan plan) {
        if (plan.realtimeStart()) RealtimeStart.leave();
    }

    /** On the setting-up thread, before the first socket. */
    public static void begin(ClientPlan plan) {
        if (!plan.realtimeStart()) return;
        String why = RealtimeStart.enter();
        if (why != null) throw new IllegalStateException("cannot start the jobs in the real-time class: " + why);
    }

    /** On the setting-up thread once every job is started, and on each job's thread once its request is sent. */
    public static void leave(ClientPlan plan) {
        if (plan.realtimeStart()) RealtimeStart.leave();
    }
}
