package netoverhead.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Where and how the tool starts a server: the address and port it listens on, the payload it serves, the
 * most connections it must hold at once, a command prefix that places it (e.g. {@code ip netns exec
 * NAME} to run it inside a namespace; empty to run it here), one that pins it to some CPUs
 * ({@code taskset -c 0}; empty to let the kernel choose), and the response sizes of an rr run, each served at
 * {@code /rr/<bytes>} (empty for bulk: lighttpd and nginx then get no rr files; the embedded server serves
 * every size whatever this says).
 */
public record ServerSpec(String host, int port, String path, long payloadBytes, int connections,
                         List<String> commandPrefix, List<String> pinning, List<Long> responseSizes) {
    public ServerSpec {
        commandPrefix = List.copyOf(commandPrefix);
        pinning = List.copyOf(pinning);
        responseSizes = List.copyOf(responseSizes);
        for (long size : responseSizes) {
            if (!RrPath.validSize(size)) {
                throw new IllegalArgumentException("a response size must be 0 to " + RrPath.MAX_BYTES + " bytes, not "
                        + size);
            }
        }
    }

    public ServerSpec(String host, int port, String path, long payloadBytes, int connections,
                      List<String> commandPrefix, List<String> pinning) {
        this(host, port, path, payloadBytes, connections, commandPrefix, pinning, List.of());
    }

    public ServerSpec(String host, int port, String path, long payloadBytes, int connections,
                      List<String> commandPrefix) {
        this(host, port, path, payloadBytes, connections, commandPrefix, List.of(), List.of());
    }

    public ServerSpec pinnedBy(List<String> prefix) {
        return new ServerSpec(host, port, path, payloadBytes, connections, commandPrefix, prefix, responseSizes);
    }

    /** The same spec, serving these rr response sizes at {@code /rr/<bytes>} as well. */
    public ServerSpec withResponseSizes(List<Long> sizes) {
        return new ServerSpec(host, port, path, payloadBytes, connections, commandPrefix, pinning, sizes);
    }

    /** What goes ahead of the server's own command: the pinning, then the placing. */
    public List<String> launchPrefix() {
        List<String> prefix = new ArrayList<>(pinning);
        prefix.addAll(commandPrefix);
        return prefix;
    }

    public static ServerSpec local(String host, int port, String path, long payloadBytes, int connections) {
        return new ServerSpec(host, port, path, payloadBytes, connections, List.of());
    }

    /** True when the server runs somewhere else than this process's network (inside a namespace). */
    public boolean placed() {
        return !commandPrefix.isEmpty();
    }

    /** The host as a URL or config writes it: IPv6 addresses in brackets. */
    public String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
