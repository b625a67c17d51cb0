package netoverhead.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Tests that create namespaces and links: they run where this process may, and say why they skip elsewhere. */
public final class Privileged {
    private Privileged() {}

    public static void assumeNamespaces() {
        long caps = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc
        }
        Assumptions.assumeTrue(caps >= 0 && (caps & (1L << 12)) != 0 && (caps & (1L << 21)) != 0,
                "needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) to create network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "iproute2 (ip, tc) is not installed");
    }

    public static void assumeInstalled(String program) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin", program))
                        || Files.isExecutable(Path.of("/usr/bin", program)),
                program + " is not installed (apt-get install " + (program.equals("nginx") ? "nginx-light" : program) + ")");
    }
}
