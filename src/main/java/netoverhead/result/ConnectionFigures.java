package netoverhead.result;

/**
 * The figures that churn and idle add to an iteration's operation figures (docs/measuring.md); null where a
 * figure is not of the workload or could not be measured.
 *
 * @param connectP50Us          churn: connect latency (socket created to connected) p50 over the window's connections
 * @param connectP99Us          churn: its p99
 * @param establishS            idle: from the iteration's start to its last connection established
 * @param established           idle: the connections established
 * @param kernelSocketBytes     idle: the kernel's TCP socket memory (/proc/net/sockstat, both ends on loopback) over
 *                              the window minus before the first socket
 * @param threads               idle: the client's threads, the most seen over the window
 */
public record ConnectionFigures(Double connectP50Us, Double connectP99Us, Double establishS, Long established,
                                Double kernelSocketBytes, Integer threads) {

    /** Connections established per second while they were being established. */
    public Double establishPerS() {
        return establishS == null || established == null || establishS <= 0 ? null : established / establishS;
    }
}
