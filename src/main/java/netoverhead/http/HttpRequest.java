package netoverhead.http;

import java.nio.charset.StandardCharsets;

/** The request every model sends: a GET of the payload that asks the server to close afterwards. */
public final class HttpRequest {
    private HttpRequest() {}

    public static byte[] get(String host, int port, String path) {
        String hostHeader = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String text = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + ":" + port + "\r\n"
                + "User-Agent: netoverhead\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
