package netoverhead.model.ffm;

import java.util.List;

import netoverhead.model.Availability;
import netoverhead.model.ClientPlan;
import netoverhead.model.JobStart;
import netoverhead.model.JvmModel;

/** What the FFM models share: when they can run, the JVM option they need, and linking before the window. */
abstract class FfmModel implements JvmModel {
    @Override
    public final Availability availability() {
        return FfmSupport.availability();
    }

    @Override
    public final List<String> jvmOptions(ClientPlan plan) {
        return FfmSupport.JVM_OPTIONS;
    }

    /** Links every downcall before the measured window, so that the first job does not pay for it. */
    @Override
    public final void prepare(ClientPlan plan) {
        Libc.warmUp();
        JobStart.prepare(plan);
    }
}
