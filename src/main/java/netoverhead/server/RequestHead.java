package netoverhead.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A parsed HTTP/1.x request head, or the status with which the server refuses it. */
record RequestHead(String method, String path, boolean http11, boolean keepAlive, int refusal, String why) {

    static RequestHead refuse(int status, String why) {
        return new RequestHead(null, null, false, false, status, why);
    }

    boolean refused() {
        return refusal != 0;
    }

    /** Parses the head in bytes[from, to), which ends with an empty line. */
    static RequestHead parse(byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[0].chars().allMatch(RequestHead::isTokenChar)) {
            return refuse(400, "malformed request line");
        }
        String method = parts[0];
        String target = parts[1];
        boolean http11;
        if (parts[2].equals("HTTP/1.1")) http11 = true;
        else if (parts[2].equals("HTTP/1.0")) http11 = false;
        else if (parts[2].startsWith("HTTP/")) return refuse(505, "unsupported HTTP version");
        else return refuse(400, "malformed request line");
        if (!target.startsWith("/")) return refuse(400, "request target must be a path");
        String connection = "";
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) continue;
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') return refuse(400, "malformed header");
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "connection" -> connection += "," + value.toLowerCase(Locale.ROOT);
                case "content-length" -> {
                    if (!value.equals("0")) return refuse(400, "request bodies are not accepted");
                }
                case "transfer-encoding" -> {
                    return refuse(400, "request bodies are not accepted");
                }
                default -> { }
            }
        }
        int query = target.indexOf('?');
        String path = percentDecode(query < 0 ? target : target.substring(0, query));
        if (path == null) return refuse(400, "bad percent-encoding");
        // HTTP/1.1 keeps the connection unless the client says close; HTTP/1.0 closes unless it says keep-alive
        List<String> options = Arrays.stream(connection.split(",")).map(String::trim).toList();
        boolean keepAlive = http11 ? !options.contains("close") : options.contains("keep-alive");
        return new RequestHead(method, path, http11, keepAlive, 0, null);
    }

    static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** Offset just past the empty line that ends a head that begins at {@code from} in b[from, to), or -1. */
    static int headEnd(byte[] b, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (b[i] == '\n') {
                if (b[i + 1] == '\n') return i + 2;
                if (b[i + 1] == '\r' && i + 2 < to && b[i + 2] == '\n') return i + 3;
            }
        }
        return -1;
    }

    /** Whether the input so far can still begin a request line: a method of token characters, then a space. */
    static boolean methodCanStart(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ' ') return i > from;
            if (!isTokenChar(b[i])) return false;
        }
        return true;
    }

    /** Where value first occurs in b[from, to), or -1: where a request line ends. */
    static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) if (b[i] == value) return i;
        return -1;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return null;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
