package netoverhead.result;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The configuration of a run, as given or defaulted. {@code clientCpus} and {@code serverCpus} are the CPU
 * lists the clients and the server were kept to ("1", "0-1"), null where the kernel chose freely.
 * {@code label} is the name the user gave the run ({@code run --label}), null if none or in older results.
 * {@code warmup} says whether the Java clients ran their warm-up round (false in results written before it
 * existed, which had none); {@code startPriority} is "normal" or "realtime", null in older results ("normal").
 * {@code workload} is what every connection did, null in results written before workloads existed (bulk).
 */
public record RunSettings(List<String> models, List<Integer> connections, int iterations, long payloadBytes,
                          String address, int port, String path, String server, String serverDescription,
                          int bufferBytes, String selector, int loops, int sampleIntervalMs, int connectTimeoutMs,
                          int readTimeoutMs, boolean verify, String link, String profiler, String clientCpus,
                          String serverCpus, boolean warmup, String startPriority,
                          String label, @JsonInclude(JsonInclude.Include.NON_NULL) WorkloadSettings workload) {

    /** The settings of a bulk run. */
    public RunSettings(List<String> models, List<Integer> connections, int iterations, long payloadBytes,
                       String address, int port, String path, String server, String serverDescription,
                       int bufferBytes, String selector, int loops, int sampleIntervalMs, int connectTimeoutMs,
                       int readTimeoutMs, boolean verify, String link, String profiler, String clientCpus,
                       String serverCpus, boolean warmup, String startPriority, String label) {
        this(models, connections, iterations, payloadBytes, address, port, path, server, serverDescription,
                bufferBytes, selector, loops, sampleIntervalMs, connectTimeoutMs, readTimeoutMs, verify, link, profiler,
                clientCpus, serverCpus, warmup, startPriority, label, null);
    }

    /** The workload, bulk where older results do not say. */
    public WorkloadSettings workloadOrBulk() {
        return workload == null ? WorkloadSettings.BULK : workload;
    }

    /** The start priority, "normal" where older results do not say. */
    public String startPriorityOrNormal() {
        return startPriority == null ? "normal" : startPriority;
    }

    /** These settings for a part of the run: the same configuration, listing only the given models. */
    public RunSettings withModels(List<String> only) {
        return new RunSettings(List.copyOf(only), connections, iterations, payloadBytes, address, port, path, server,
                serverDescription, bufferBytes, selector, loops, sampleIntervalMs, connectTimeoutMs, readTimeoutMs,
                verify, link, profiler, clientCpus, serverCpus, warmup, startPriority, label, workload);
    }
}
