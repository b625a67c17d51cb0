package netoverhead.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import netoverhead.process.ProcessMeter;

/**
 * Runs of the tool that tests interrupt or kill leave their clients' cgroups behind, empty, for the next run's
 * meter to remove; when the test session ends it removes them itself, so that the tests leave none. Only
 * empty cgroups of tool processes that no longer run are touched. Registered through META-INF/services.
 */
public final class CgroupLeftovers implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        ProcessMeter.removeLeftovers();
    }
}
