package netoverhead.server;

import java.nio.file.Path;

/**
 * An nginx.conf that serves one document root with sendfile from one address and port, keeps everything it
 * writes (pid, logs, temporary files) inside its own directory, and allows the run's connection count; kept-alive
 * connections for as many requests as an rr run sends, files held open between requests (the rr files are asked
 * for again and again), and no access log.
 */
public final class NginxConfig {
    private NginxConfig() {}

    /**
     * @param dir     the directory for the pid file, logs and temporary files
     * @param asRoot  whether nginx is started by root: its workers then run as root too, so that they can read
     *                the payload wherever the tool keeps it
     */
    public static String render(String bind, int port, Path docRoot, int connections, Path dir, boolean asRoot) {
        int workerConnections = Math.max(1024, connections + connections / 4 + 64);
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        Path d = dir.toAbsolutePath();
        StringBuilder sb = new StringBuilder()
                .append("# Written by netoverhead: serves the benchmark payload with sendfile.\n")
                .append("daemon off;\n")
                .append("master_process on;\n")
                .append("worker_processes auto;\n");
        if (asRoot) sb.append("user root;\n");
        sb.append("pid ").append(d.resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(d.resolve("error.log")).append(" warn;\n")
                .append("worker_rlimit_nofile ").append(2 * workerConnections + 64).append(";\n")
                .append("events {\n    worker_connections ").append(workerConnections).append(";\n}\n")
                .append("http {\n")
                .append("    access_log off;\n")
                .append("    sendfile on;\n")
                .append("    tcp_nopush on;\n")
                .append("    keepalive_requests ").append(LighttpdConfig.KEEP_ALIVE_REQUESTS).append(";\n")
                .append("    keepalive_timeout ").append(ServerLoop.KEEP_ALIVE_IDLE_MILLIS / 1000).append("s;\n")
                .append("    open_file_cache max=64 inactive=60s;\n")
                .append("    default_type application/octet-stream;\n");
        for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            sb.append("    ").append(temp).append("_temp_path ").append(d.resolve("tmp").resolve(temp)).append(";\n");
        }
        sb.append("    server {\n")
                .append("        listen ").append(host).append(':').append(port)
                .append(" backlog=").append(workerConnections).append(";\n")
                .append("        root ").append(docRoot.toAbsolutePath()).append(";\n")
                .append("    }\n")
                .append("}\n");
        return sb.toString();
    }
}
