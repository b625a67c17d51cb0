package netoverhead.http;

import java.util.Locale;

/**
 * A response's status line and the headers that say how its body is framed and where a redirect points: what
 * the probe before a run reads. The clients frame bodies with {@link ResponseParser}; this only describes.
 */
public record ResponseHead(int status, String reason, long contentLength, boolean chunked, String location,
                           String server) {

    /**
     * Parses a head as read up to its empty line.
     *
     * @throws IllegalArgumentException with the offending line when the head is not HTTP/1.x
     */
    public static ResponseHead parse(String head) {
        String[] lines = head.split("\r?\n");
        String statusLine = lines.length == 0 ? "" : lines[0];
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3
                || !parts[1].chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not an HTTP server (answered '" + printable(statusLine) + "')");
        }
        long length = -1;
        boolean chunked = false;
        String location = null;
        String server = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = value.matches("[0-9]{1,18}") ? Long.parseLong(value) : -1;
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "location" -> location = value;
                case "server" -> server = value;
                default -> { }
            }
        }
        return new ResponseHead(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2].trim() : "", length, chunked,
                location, server);
    }

    /** 301, 302, 303, 307 or 308: the payload is elsewhere, at {@link #location()}. */
    public boolean redirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Whether the head says how long the body is: a Content-Length, and no chunked framing over it. */
    public boolean lengthKnown() {
        return contentLength >= 0 && !chunked;
    }

    /** "301 Moved Permanently", or just "301" when the reason is empty. */
    public String statusText() {
        return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder out = new StringBuilder();
        for (char c : cut.toCharArray()) out.append(c >= 0x20 && c < 0x7f ? c : '?');
        return out.toString();
    }
}
