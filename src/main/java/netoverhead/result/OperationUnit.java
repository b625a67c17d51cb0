package netoverhead.result;

/**
 * What one operation of a workload is, in the words its figures are titled with: a request (rr), a connection
 * (churn) or a heartbeat (idle). A {@link Figure}'s title and unit name the operation through placeholders, so
 * that one figure reads "CPU per request" on rr, "CPU per connection" on churn and "CPU per heartbeat" on idle.
 *
 * @param operation   one operation: {@code request}
 * @param operations  several: {@code requests}
 * @param latency     what an operation's latency is: {@code latency}, {@code transaction latency}
 * @param connection  what one of the workload's connections is: {@code connection}, {@code idle connection}
 */
public record OperationUnit(String operation, String operations, String latency, String connection) {
    public static final OperationUnit REQUEST = new OperationUnit("request", "requests", "latency", "connection");
    public static final OperationUnit CONNECTION = new OperationUnit("connection", "connections",
            "transaction latency", "connection");
    public static final OperationUnit HEARTBEAT = new OperationUnit("heartbeat", "heartbeats",
            "heartbeat round trip", "idle connection");

    /** The operation of a workload: churn's connection, idle's heartbeat, else (rr, and bulk's titles) a request. */
    public static OperationUnit of(WorkloadSettings workload) {
        return switch (workload == null ? "bulk" : workload.kind()) {
            case "churn" -> CONNECTION;
            case "idle" -> HEARTBEAT;
            default -> REQUEST;
        };
    }

    /** A title or unit with its placeholders ({op}, {ops}, {latency}, {connection}) in this operation's words. */
    public String fill(String template) {
        return template.replace("{ops}", operations).replace("{op}", operation).replace("{latency}", latency)
                .replace("{connection}", connection);
    }

    /** The rate's unit: {@code requests/s}. */
    public String perSecond() {
        return operations + "/s";
    }
}
