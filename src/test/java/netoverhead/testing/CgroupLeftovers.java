package netoverhead.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import netoverhead.process.ProcessMeter;

/**
 * Runs of the tool that tests interrupt or kill leave their clients' cgroups behind, empty, for the next run's
 * meter to remove, and a child's cgroup is now and then still busy the moment the child ends; when the test
 * session ends it removes those, and its own empty ones, so that the tests leave none. Only empty cgroups of
 * this tool are touched. Registered through META-INF/services.
 */
public final class CgroupLeftovers implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        ProcessMeter.removeLeftovers(true);
    }
}
