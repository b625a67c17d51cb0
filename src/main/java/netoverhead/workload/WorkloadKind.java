package netoverhead.workload;

import java.util.Locale;

/** What every connection of a run does; see docs/measuring.md ("Workloads"). */
public enum WorkloadKind {
    /** One GET of the payload per connection: the Haiku suite's workload. */
    BULK,
    /** Many small requests on one kept-alive connection, closed loop or at a fixed rate. */
    RR,
    /** Socket, connect, request, response, close, again: the server closes first. */
    CHURN,
    /** Connections held open, the server pinging one percent of them each second. */
    IDLE;

    /** The name users type and results carry: {@code bulk}, {@code rr}, {@code churn}, {@code idle}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkloadKind ofWireName(String name) {
        for (WorkloadKind kind : values()) if (kind.wireName().equals(name)) return kind;
        throw new IllegalArgumentException("unknown workload " + name);
    }

    /** Whether its figures are per operation (requests, connections, heartbeats) over a measured window. */
    public boolean operations() {
        return this != BULK;
    }
}
