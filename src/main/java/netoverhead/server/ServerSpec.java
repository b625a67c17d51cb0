package netoverhead.server;

import java.util.List;

/**
 * Where and how the tool starts a server: the address and port it listens on, the payload it serves, the
 * most connections it must hold at once, and a command prefix that places it (e.g. {@code ip netns exec
 * NAME} to run it inside a namespace; empty to run it here).
 */
public record ServerSpec(String host, int port, String path, long payloadBytes, int connections,
                         List<String> commandPrefix) {
    public ServerSpec {
        commandPrefix = List.copyOf(commandPrefix);
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
