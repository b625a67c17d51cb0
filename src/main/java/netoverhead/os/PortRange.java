package netoverhead.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ephemeral port range ({@code net.ipv4.ip_local_port_range}): the local ports a connect may take. Every
 * connection to one server address and port needs one of its own, open or in TIME_WAIT on the side that closed first.
 *
 * @param low  the first port
 * @param high the last port
 */
public record PortRange(int low, int high) {
    /** How long a connection stays in TIME_WAIT on the side that closed first: Linux's fixed 60 s. */
    public static final int TIME_WAIT_SECONDS = 60;
    private static final Path FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** The range of this network namespace, or empty where it cannot be read (not Linux). */
    public static Optional<PortRange> current() {
        try {
            return Optional.of(parse(ProcFiles.read(FILE)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the two numbers of ip_local_port_range ("32768\t60999"). */
    public static PortRange parse(String text) {
        String[] f = text.trim().split("\\s+");
        return new PortRange(Integer.parseInt(f[0]), Integer.parseInt(f[1]));
    }

    /** How many ports it holds. */
    public int size() {
        return high - low + 1;
    }

    /** Connections per second that closing first would keep in TIME_WAIT all at once, filling the range. */
    public int closesPerSecondItHolds() {
        return size() / TIME_WAIT_SECONDS;
    }

    @Override
    public String toString() {
        return low + " " + high;
    }
}
