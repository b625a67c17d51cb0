package netoverhead.http;

import java.nio.charset.StandardCharsets;

/**
 * The requests the models send: a GET of the payload that asks the server to close afterwards (bulk), or a GET
 * on a connection kept alive for the next one (rr, HTTP/1.1's default).
 */
public final class HttpRequest {
    private HttpRequest() {}

    public static byte[] get(String host, int port, String path) {
        return request(host, port, path, "Connection: close\r\n");
    }

    /** A GET that leaves the connection open for the next request. */
    public static byte[] keepAlive(String host, int port, String path) {
        return request(host, port, path, "");
    }

    private static byte[] request(String host, int port, String path, String connectionHeader) {
        String hostHeader = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String text = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + ":" + port + "\r\n"
                + "User-Agent: netoverhead\r\n"
                + connectionHeader
                + "\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
