package netoverhead.server.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process may create network namespaces and links: root, or the capabilities that needs. */
public final class Privileges {
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21; // `ip netns add` bind-mounts the namespace under /run/netns

    private Privileges() {}

    /** Throws an IOException with one clear line when namespaces and links cannot be made here. */
    public static void requireNetworkAdmin() throws IOException {
        long caps = effectiveCapabilities();
        if (caps < 0) return; // no /proc to ask: let the ip commands say what they think
        boolean netAdmin = (caps & (1L << CAP_NET_ADMIN)) != 0;
        boolean sysAdmin = (caps & (1L << CAP_SYS_ADMIN)) != 0;
        if (!netAdmin || !sysAdmin) {
            throw new IOException("--link needs root (or CAP_NET_ADMIN and CAP_SYS_ADMIN) to create a network "
                    + "namespace and a veth pair; run it as root, e.g. with sudo");
        }
    }

    public static boolean isRoot() {
        String uid = statusField("Uid:");
        return uid != null && uid.split("\\s+")[0].equals("0");
    }

    /** CapEff of this process, or -1 when /proc cannot tell. */
    static long effectiveCapabilities() {
        String value = statusField("CapEff:");
        if (value == null) return -1;
        try {
            return Long.parseUnsignedLong(value, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) return line.substring(name.length()).trim();
            }
        } catch (IOException e) {
            // no /proc
        }
        return null;
    }
}
