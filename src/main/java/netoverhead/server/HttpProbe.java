package netoverhead.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks a server for the payload's head: is anything there, does it serve the path, how large is the payload. */
public final class HttpProbe {
    /** What a HEAD request learned; status -1 when nothing answered. */
    public record Result(int status, long contentLength, String server, String error) {
        public boolean answered() {
            return status > 0;
        }
    }

    private HttpProbe() {}

    public static boolean listening(String host, int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static Result head(String host, int port, String path, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            String hostHeader = host.contains(":") ? "[" + host + "]" : host;
            OutputStream out = s.getOutputStream();
            out.write(("HEAD " + path + " HTTP/1.1\r\nHost: " + hostHeader + ":" + port
                    + "\r\nUser-Agent: netoverhead-probe\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = readHead(s.getInputStream());
            String[] lines = head.split("\r?\n");
            String[] status = lines[0].split(" ", 3);
            if (status.length < 2 || !status[0].startsWith("HTTP/")) {
                return new Result(-1, -1, null, "not an HTTP server (answered '" + lines[0] + "')");
            }
            long length = -1;
            String server = null;
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) length = Long.parseLong(value);
                if (name.equals("server")) server = value;
            }
            return new Result(Integer.parseInt(status[1]), length, server, null);
        } catch (IOException | RuntimeException e) {
            return new Result(-1, -1, null, e.getMessage());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && sb.length() < 65536) {
            sb.append((char) b);
            int n = sb.length();
            if (n >= 4 && sb.charAt(n - 1) == '\n' && sb.charAt(n - 2) == '\r' && sb.charAt(n - 3) == '\n') break;
            if (n >= 2 && sb.charAt(n - 1) == '\n' && sb.charAt(n - 2) == '\n') break;
        }
        return sb.toString();
    }
}
