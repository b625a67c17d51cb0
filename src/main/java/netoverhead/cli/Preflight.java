package netoverhead.cli;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;

/** Checks made before anything is measured, so that a run that cannot succeed says so at once. */
final class Preflight {
    /** File descriptors a child needs beyond its sockets: the JVM's jars, pipes, /proc files. */
    static final int SPARE_DESCRIPTORS = 128;

    private Preflight() {}

    static void checkFileLimit(List<Integer> connections) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os)) return;
        long limit = os.getMaxFileDescriptorCount();
        int most = Collections.max(connections);
        if (limit > 0 && most + SPARE_DESCRIPTORS > limit) {
            throw new UsageException(most + " connections need about " + (most + SPARE_DESCRIPTORS)
                    + " open files, but the limit is " + limit + "; raise it with 'ulimit -n "
                    + (most + SPARE_DESCRIPTORS) + "' (the hard limit is in /etc/security/limits.conf) or use fewer connections");
        }
    }
}
