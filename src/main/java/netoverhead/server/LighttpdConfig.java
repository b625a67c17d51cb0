package netoverhead.server;

import java.nio.file.Path;

/**
 * A lighttpd.conf that serves one document root as the Haiku suite's benchmark did: the sendfile network backend,
 * one address and port, and descriptor and connection limits large enough for the connection count; kept-alive
 * connections for as many requests as an rr run sends, and no access log.
 */
public final class LighttpdConfig {
    /** How many requests one kept-alive connection may make: more than any rr run sends on one. */
    static final int KEEP_ALIVE_REQUESTS = 1_000_000;

    private LighttpdConfig() {}

    /** The most connections lighttpd may hold: the run's count with headroom, never below lighttpd's own default. */
    public static int maxConnections(int connections) {
        return Math.max(1024, connections + connections / 4 + 16);
    }

    /**
     * @param errorLog where lighttpd logs, or null for its standard error
     */
    public static String render(String bind, int port, Path docRoot, int connections, Path errorLog) {
        int maxConnections = maxConnections(connections);
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        StringBuilder sb = new StringBuilder()
                .append("# Written by netoverhead: serves the benchmark payload with sendfile.\n")
                .append("server.document-root = \"").append(docRoot.toAbsolutePath()).append("\"\n")
                .append("server.bind = \"").append(host).append("\"\n")
                .append("server.port = ").append(port).append('\n')
                .append("server.network-backend = \"sendfile\"\n")
                .append("# two descriptors per connection (socket and payload file) and some to spare\n")
                .append("server.max-fds = ").append(2 * maxConnections + 64).append('\n')
                .append("server.max-connections = ").append(maxConnections).append('\n')
                .append("server.listen-backlog = ").append(maxConnections).append('\n')
                .append("# rr sends many requests on each kept-alive connection: never close one for their number, and\n")
                .append("# let one wait for its next request as long as the embedded server and nginx do\n")
                .append("server.max-keep-alive-requests = ").append(KEEP_ALIVE_REQUESTS).append('\n')
                .append("server.max-keep-alive-idle = ").append(ServerLoop.KEEP_ALIVE_IDLE_MILLIS / 1000).append('\n')
                .append("# no access log: mod_accesslog is not loaded\n");
        if (errorLog != null) sb.append("server.errorlog = \"").append(errorLog.toAbsolutePath()).append("\"\n");
        return sb.toString();
    }
}
