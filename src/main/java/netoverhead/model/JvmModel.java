package netoverhead.model;

import java.util.List;

import netoverhead.job.JobRecord;
import netoverhead.workload.Workload;

/** A model written in Java, run in a fresh child JVM per iteration. */
public non-sealed interface JvmModel extends Model {
    /**
     * Runs every job of the plan and returns when all have ended, failed ones included.
     *
     * @param workload what each connection says ({@link Workload#open} once per job) and the origin that job
     *                 times are relative to
     * @param jobs     one record per connection, in order, to stamp
     */
    void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException;

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
