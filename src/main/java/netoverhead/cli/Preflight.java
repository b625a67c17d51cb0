package netoverhead.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.sun.management.UnixOperatingSystemMXBean;

import netoverhead.harness.RunSpec;
import netoverhead.os.PortRange;
import netoverhead.os.ProcFiles;
import netoverhead.server.ServerKind;
import netoverhead.workload.WorkloadKind;

/** Checks made before anything is measured, so that a run that cannot succeed says so at once. */
final class Preflight {
    /** File descriptors a child needs beyond its sockets: the JVM's jars, pipes, /proc files. */
    static final int SPARE_DESCRIPTORS = 128;

    private Preflight() {}

    /**
     * What every command that runs models checks before it writes or starts anything: the open-file limit (a
     * {@link UsageException} when it is too low), and the kernel's TCP memory (a warning, said on stderr).
     */
    static void check(RunSpec run) {
        checkFileLimit(run.connections());
        PortRange.current().ifPresent(ports -> {
            checkPorts(run.connections(), ports);
            churnPortWarning(run, ports).ifPresent(w -> System.err.println("netoverhead: " + w));
        });
        tcpMemoryWarning(run.connections(), run.payloadBytes())
                .ifPresent(w -> System.err.println("netoverhead: " + w));
    }

    /** Every connection to the server needs a local port of its own: more connections than ports cannot run. */
    static void checkPorts(List<Integer> connections, PortRange ports) {
        int most = Collections.max(connections);
        if (most > ports.size()) {
            throw new UsageException(most + " connections need " + most + " local ports, but "
                    + "net.ipv4.ip_local_port_range (" + ports + ") has " + ports.size() + "; widen it with "
                    + "sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\" or use fewer connections");
        }
    }

    /**
     * Churn's connections close on the server's side first, which keeps TIME_WAIT there: a server the tool starts
     * does so. Of an external server the tool cannot know it; if the client closes first, each connection holds
     * its port for the TIME_WAIT period, and past a rate the range runs out: say which, before the run.
     */
    static Optional<String> churnPortWarning(RunSpec run, PortRange ports) {
        if (run.workload().kind() != WorkloadKind.CHURN || run.target().server() != ServerKind.EXTERNAL) {
            return Optional.empty();
        }
        return Optional.of("churn: if the server does not close each connection first, this side keeps it in "
                + "TIME_WAIT for " + PortRange.TIME_WAIT_SECONDS + " s, and above " + ports.closesPerSecondItHolds()
                + " connections per second the " + ports.size() + " ports of net.ipv4.ip_local_port_range ("
                + ports + ") run out (errors of kind 'ports')");
    }

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

    /**
     * On loopback the bytes a slow reader has not read yet wait in its receive queue, and the kernel caps
     * all such TCP memory at net.ipv4.tcp_mem; past it, it resets connections ("TCP: out of memory").
     * Each connection can hold at least the default receive buffer; when that alone could take half the
     * cap, say so before the run rather than leave the user puzzling over resets.
     */
    static Optional<String> tcpMemoryWarning(List<Integer> connections, long payloadBytes) {
        try {
            String[] mem = ProcFiles.read(Path.of("/proc/sys/net/ipv4/tcp_mem")).trim().split("\\s+");
            String[] rmem = ProcFiles.read(Path.of("/proc/sys/net/ipv4/tcp_rmem")).trim().split("\\s+");
            long capBytes = Long.parseLong(mem[2]) * 4096; // tcp_mem counts pages of the kernel's page size
            long perConnection = Math.min(payloadBytes, Long.parseLong(rmem[1]));
            int most = Collections.max(connections);
            if ((double) most * perConnection > capBytes / 2.0) {
                return Optional.of("warning: " + most + " connections can queue about "
                        + (most * perConnection >> 20) + " MiB in the kernel, near its TCP memory limit of "
                        + (capBytes >> 20) + " MiB (net.ipv4.tcp_mem); if jobs fail with 'Connection reset', "
                        + "raise it, e.g. sysctl -w net.ipv4.tcp_mem='" + mem[0] + " " + mem[1] + " "
                        + Long.parseLong(mem[2]) * 4 + "'");
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unreadable /proc: nothing to warn about
        }
        return Optional.empty();
    }
}
