package netoverhead.model;

import java.util.List;

import netoverhead.job.JobRecord;

/** A model written in Java, run in a fresh child JVM per iteration. */
public non-sealed interface JvmModel extends Model {
    /**
     * Runs every job of the plan and returns when all have ended, failed ones included.
     *
     * @param jobs   one record per connection, in order, to stamp
     * @param origin the {@link System#nanoTime()} that job times are relative to
     */
    void run(ClientPlan plan, JobRecord[] jobs, long origin) throws InterruptedException;

    /**
     * Called in the child before the measured window: load what the model needs (classes, native
     * libraries) so that the window measures I/O, not class loading. It must not open connections.
     */
    default void prepare(ClientPlan plan) throws Exception {}

    /** Options the child JVM needs for this model, such as a selector provider. */
    default List<String> jvmOptions(ClientPlan plan) {
        return List.of();
    }
}
