package netoverhead.server;

import java.nio.charset.StandardCharsets;

/**
 * What the server needs of one whole request head: the method, the target (the payload, an rr size, an idle
 * hello, anything else), the version and whether the connection stays open; or the status with which it is refused. A plain
 * well-formed head, as every benchmark client sends, is read in place without allocating; anything unusual
 * (percent-encoding, odd whitespace, a request body, a malformed line) goes to {@link RequestHead#parse}, which
 * decides the same way on every head the fast reading accepts. One instance per event loop, reused for every request.
 */
final class RequestScan {
    enum Method { GET, HEAD, OTHER }

    enum Target {
        /** the configured payload path */
        PAYLOAD,
        /** {@code /rr/<bytes>}: {@link #rrBytes} */
        RR,
        /** under {@code /rr/} but no size the server serves */
        RR_INVALID,
        /** an idle hello ({@link IdlePath}): {@link #idle} */
        IDLE,
        /** under {@code /idle/} but not a hello */
        IDLE_INVALID,
        OTHER
    }

    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private final String payloadPath;
    private final byte[] payloadPathBytes; // null when no request without percent-encoding can name it

    int refusal;      // non-zero: refuse with this status, for the reason in why
    String why;
    Method method;
    Target target;
    long rrBytes;
    IdlePath.Hello idle;
    boolean http11;
    boolean keepAlive;
    boolean readInPlace;  // whether the last head was read without {@link RequestHead#parse}

    RequestScan(String payloadPath) {
        this.payloadPath = payloadPath;
        boolean latin1 = payloadPath.chars().allMatch(c -> c <= 0xff);
        this.payloadPathBytes = latin1 ? payloadPath.getBytes(StandardCharsets.ISO_8859_1) : null;
    }

    /** Reads the head in b[from, end), which ends with its empty line. */
    void scan(byte[] b, int from, int end) {
        refusal = 0;
        why = null;
        readInPlace = fast(b, from, end);
        if (!readInPlace) slow(b, from, end);
    }

    /** Reads the head with {@link RequestHead#parse}: what every head comes to when the fast reading declines it. */
    void slow(byte[] b, int from, int end) {
        refusal = 0;
        why = null;
        RequestHead head = RequestHead.parse(b, from, end);
        if (head.refused()) {
            refusal = head.refusal();
            why = head.why();
            http11 = false;
            keepAlive = false;
            return;
        }
        method = switch (head.method()) {
            case "GET" -> Method.GET;
            case "HEAD" -> Method.HEAD;
            default -> Method.OTHER;
        };
        http11 = head.http11();
        keepAlive = head.keepAlive();
        String path = head.path();
        if (path.equals(payloadPath)) {
            target = Target.PAYLOAD;
        } else if (IdlePath.under(path)) {
            idle = IdlePath.parse(path);
            target = idle != null ? Target.IDLE : Target.IDLE_INVALID;
        } else {
            rrBytes = RrPath.parse(path);
            target = rrBytes >= 0 ? Target.RR : RrPath.under(path) ? Target.RR_INVALID : Target.OTHER;
        }
    }

    /** Reads a plain head in place; false, having decided nothing, when it needs {@link #slow}. */
    private boolean fast(byte[] b, int from, int end) {
        int space = from;
        while (space < end && b[space] != ' ') {
            if (!RequestHead.isTokenChar(b[space])) return false;
            space++;
        }
        if (space == from || space == end) return false;
        int targetStart = space + 1;
        int targetEnd = targetStart;
        int query = -1;
        while (targetEnd < end && b[targetEnd] != ' ') {
            byte c = b[targetEnd];
            if (c < 0x21 && c >= 0 || c == 0x7f || c == '%') return false;
            if (c == '?' && query < 0) query = targetEnd;
            targetEnd++;
        }
        if (targetEnd == targetStart || targetEnd == end || b[targetStart] != '/') return false;
        int version = targetEnd + 1;
        if (!matches(b, version, end, "HTTP/1.") || version + 8 > end) return false;
        byte minor = b[version + 7];
        if (minor != '0' && minor != '1') return false;
        int line = lineStart(b, version + 8, end);
        if (line < 0) return false;
        boolean close = false;
        boolean keep = false;
        while (true) {
            int lineEnd = line;
            while (lineEnd < end && b[lineEnd] != '\n') lineEnd++;
            if (lineEnd == end) return false;
            int contentEnd = lineEnd > line && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == line) break; // the empty line that ends the head
            int colon = -1;
            for (int i = line; i < contentEnd; i++) {
                if (b[i] == '\r') return false;
                if (b[i] == ':' && colon < 0) colon = i;
            }
            if (colon <= line || b[line] <= ' ' && b[line] >= 0 || b[colon - 1] <= ' ' && b[colon - 1] >= 0) return false;
            if (named(b, line, colon, CONTENT_LENGTH)) {
                int v = trimStart(b, colon + 1, contentEnd);
                if (trimEnd(b, v, contentEnd) != v + 1 || b[v] != '0') return false;
            } else if (named(b, line, colon, TRANSFER_ENCODING)) {
                return false;
            } else if (named(b, line, colon, CONNECTION)) {
                int token = colon + 1;
                while (token <= contentEnd) {
                    int comma = token;
                    while (comma < contentEnd && b[comma] != ',') comma++;
                    int s = trimStart(b, token, comma);
                    int e = trimEnd(b, s, comma);
                    close |= named(b, s, e, CLOSE);
                    keep |= named(b, s, e, KEEP_ALIVE);
                    token = comma + 1;
                }
            }
            line = lineEnd + 1;
        }
        method = space - from == 3 && matches(b, from, space, "GET") ? Method.GET
                : space - from == 4 && matches(b, from, space, "HEAD") ? Method.HEAD : Method.OTHER;
        http11 = minor == '1';
        keepAlive = http11 ? !close : keep;
        int pathEnd = query < 0 ? targetEnd : query;
        if (payloadPathBytes != null && equal(b, targetStart, pathEnd, payloadPathBytes)) {
            target = Target.PAYLOAD;
        } else if (IdlePath.under(b, targetStart, pathEnd)) {
            idle = IdlePath.parse(b, targetStart, pathEnd); // allocates the group's name: once per idle connection
            target = idle != null ? Target.IDLE : Target.IDLE_INVALID;
        } else {
            rrBytes = RrPath.parse(b, targetStart, pathEnd);
            target = rrBytes >= 0 ? Target.RR
                    : matches(b, targetStart, pathEnd, RrPath.PREFIX) ? Target.RR_INVALID : Target.OTHER;
        }
        return true;
    }

    /** Where the line after a request line's version begins: just past its CRLF or LF; -1 when more follows. */
    private static int lineStart(byte[] b, int at, int end) {
        if (at < end && b[at] == '\n') return at + 1;
        if (at + 1 < end && b[at] == '\r' && b[at + 1] == '\n') return at + 2;
        return -1;
    }

    /** Whether b[from, end) begins with the ASCII text. */
    private static boolean matches(byte[] b, int from, int end, String text) {
        if (end - from < text.length()) return false;
        for (int i = 0; i < text.length(); i++) if (b[from + i] != text.charAt(i)) return false;
        return true;
    }

    private static boolean equal(byte[] b, int from, int to, byte[] expected) {
        if (to - from != expected.length) return false;
        for (int i = 0; i < expected.length; i++) if (b[from + i] != expected[i]) return false;
        return true;
    }

    /** Whether b[from, to) is the lower-case ASCII name, in any case. */
    private static boolean named(byte[] b, int from, int to, byte[] lowerName) {
        if (to - from != lowerName.length) return false;
        for (int i = 0; i < lowerName.length; i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lowerName[i]) return false;
        }
        return true;
    }

    /** As String.trim: skips characters up to the space (control characters included). */
    private static int trimStart(byte[] b, int from, int to) {
        while (from < to && b[from] <= ' ' && b[from] >= 0) from++;
        return from;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && b[to - 1] <= ' ' && b[to - 1] >= 0) to--;
        return to;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
