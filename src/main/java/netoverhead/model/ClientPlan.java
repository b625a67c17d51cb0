package netoverhead.model;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import netoverhead.http.HttpRequest;
import netoverhead.http.ResponseParser;
import netoverhead.workload.Workload;
import netoverhead.workload.WorkloadKind;
import netoverhead.workload.WorkloadPlan;
import netoverhead.workload.Workloads;

/**
 * Everything a model needs to run one iteration's jobs. It crosses the process boundary to the child as
 * {@code key=value} arguments, which the native clients parse too, so keep the keys plain.
 *
 * @param selector   "poll", "epoll" or "default"; null lets each model choose its own default
 * @param loops      event loops for multi-loop models; 0 means one per core
 * @param realtimeStart whether models with one platform thread per job start their jobs in the real-time
 *                      class (see {@link netoverhead.os.RealtimeStart}): the setting-up thread, and each job
 *                      until its request is sent
 * @param warmup        whether a JVM child runs the model once against a loopback server of its own before the
 *                      measured window, so that the window does not pay for the JIT; native clients ignore it
 * @param workload      what every connection does (bulk: one GET of the payload)
 */
public record ClientPlan(String host, int port, String path, int connections, int bufferSize,
                         int connectTimeoutMs, int readTimeoutMs, String selector, int loops, boolean verify,
                         int maxHeadBytes, boolean realtimeStart, boolean warmup, WorkloadPlan workload) {

    public ClientPlan {
        if (workload == null) workload = WorkloadPlan.BULK;
    }

    /** A bulk plan. */
    public ClientPlan(String host, int port, String path, int connections, int bufferSize, int connectTimeoutMs,
                      int readTimeoutMs, String selector, int loops, boolean verify, int maxHeadBytes,
                      boolean realtimeStart, boolean warmup) {
        this(host, port, path, connections, bufferSize, connectTimeoutMs, readTimeoutMs, selector, loops, verify,
                maxHeadBytes, realtimeStart, warmup, WorkloadPlan.BULK);
    }

    /** A plan whose jobs start in the ordinary scheduling class, in a child that does not warm up. */
    public ClientPlan(String host, int port, String path, int connections, int bufferSize, int connectTimeoutMs,
                      int readTimeoutMs, String selector, int loops, boolean verify, int maxHeadBytes) {
        this(host, port, path, connections, bufferSize, connectTimeoutMs, readTimeoutMs, selector, loops, verify,
                maxHeadBytes, false, false);
    }

    public static final int DEFAULT_BUFFER = 64 * 1024;

    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /**
     * The request every connection sends: for rr (and idle's hello) one that keeps the connection alive; for
     * bulk one that asks the server to close after its answer, as churn's last request on a connection does.
     */
    public byte[] request() {
        return workload.kind() == WorkloadKind.BULK ? HttpRequest.get(host, port, path)
                : HttpRequest.keepAlive(host, port, path);
    }

    /** The workload of one iteration that starts at {@code origin}, a {@link System#nanoTime()}. */
    public Workload newWorkload(long origin) {
        return Workloads.create(workload, connections, request(), HttpRequest.get(host, port, path), this::newParser,
                origin);
    }

    public ResponseParser newParser() {
        return new ResponseParser(maxHeadBytes, verify);
    }

    public long connectTimeoutNanos() {
        return connectTimeoutMs * 1_000_000L;
    }

    public long readTimeoutNanos() {
        return readTimeoutMs * 1_000_000L;
    }

    public int loopsOrCores() {
        return loops > 0 ? loops : Runtime.getRuntime().availableProcessors();
    }

    /** This plan with another connection count: what a sweep changes between its steps. */
    public ClientPlan withConnections(int count) {
        return new ClientPlan(host, port, path, count, bufferSize, connectTimeoutMs, readTimeoutMs, selector, loops,
                verify, maxHeadBytes, realtimeStart, warmup, workload);
    }

    public ClientPlan withSelector(String newSelector) {
        return new ClientPlan(host, port, path, connections, bufferSize, connectTimeoutMs, readTimeoutMs,
                newSelector, loops, verify, maxHeadBytes, realtimeStart, warmup, workload);
    }

    public ClientPlan withRealtimeStart(boolean realtime) {
        return new ClientPlan(host, port, path, connections, bufferSize, connectTimeoutMs, readTimeoutMs,
                selector, loops, verify, maxHeadBytes, realtime, warmup, workload);
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add("host=" + host);
        args.add("port=" + port);
        args.add("path=" + path);
        args.add("connections=" + connections);
        args.add("buffer=" + bufferSize);
        args.add("connect_timeout_ms=" + connectTimeoutMs);
        args.add("read_timeout_ms=" + readTimeoutMs);
        if (selector != null) args.add("selector=" + selector);
        args.add("loops=" + loops);
        args.add("verify=" + (verify ? 1 : 0));
        args.add("max_head=" + maxHeadBytes);
        args.add("start=" + (realtimeStart ? "realtime" : "normal"));
        args.add("warmup=" + (warmup ? 1 : 0));
        // bulk says nothing of its workload: a child that hears no workload runs bulk
        if (workload.kind() == WorkloadKind.BULK) return args;
        args.add("workload=" + workload.kind().wireName());
        args.add("pipeline=" + workload.pipeline());
        args.add("rate=" + workload.rate());
        args.add("warmup_ns=" + workload.warmupNs());
        args.add("duration_ns=" + workload.durationNs());
        args.add("requests=" + workload.requests());
        args.add("requests_per_connection=" + workload.requestsPerConnection());
        return args;
    }

    public static ClientPlan fromArgs(List<String> args) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("not key=value: " + arg);
            kv.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new ClientPlan(kv.get("host"), Integer.parseInt(kv.get("port")), kv.get("path"),
                Integer.parseInt(kv.get("connections")), Integer.parseInt(kv.get("buffer")),
                Integer.parseInt(kv.get("connect_timeout_ms")), Integer.parseInt(kv.get("read_timeout_ms")),
                kv.get("selector"), Integer.parseInt(kv.getOrDefault("loops", "0")),
                "1".equals(kv.get("verify")),
                Integer.parseInt(kv.getOrDefault("max_head", String.valueOf(ResponseParser.DEFAULT_MAX_HEAD_BYTES))),
                "realtime".equals(kv.get("start")), "1".equals(kv.get("warmup")), workload(kv));
    }

    private static WorkloadPlan workload(Map<String, String> kv) {
        WorkloadKind kind = WorkloadKind.ofWireName(kv.getOrDefault("workload", "bulk"));
        if (kind == WorkloadKind.BULK) return WorkloadPlan.BULK;
        return new WorkloadPlan(kind, Integer.parseInt(kv.getOrDefault("pipeline", "1")),
                Long.parseLong(kv.getOrDefault("rate", "0")), Long.parseLong(kv.getOrDefault("warmup_ns", "0")),
                Long.parseLong(kv.getOrDefault("duration_ns", "0")), Long.parseLong(kv.getOrDefault("requests", "0")),
                Integer.parseInt(kv.getOrDefault("requests_per_connection", "1")));
    }

    /** This plan asking for another path (the response size of an rr sweep step). */
    public ClientPlan withPath(String newPath) {
        return new ClientPlan(host, port, newPath, connections, bufferSize, connectTimeoutMs, readTimeoutMs, selector,
                loops, verify, maxHeadBytes, realtimeStart, warmup, workload);
    }

    /** This plan reading into buffers of another size. */
    public ClientPlan withBufferSize(int bytes) {
        return new ClientPlan(host, port, path, connections, bytes, connectTimeoutMs, readTimeoutMs, selector, loops,
                verify, maxHeadBytes, realtimeStart, warmup, workload);
    }

    /** This plan doing another workload. */
    public ClientPlan withWorkload(WorkloadPlan newWorkload) {
        return new ClientPlan(host, port, path, connections, bufferSize, connectTimeoutMs, readTimeoutMs, selector,
                loops, verify, maxHeadBytes, realtimeStart, warmup, newWorkload);
    }
}
