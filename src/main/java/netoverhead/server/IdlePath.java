package netoverhead.server;

import java.nio.charset.StandardCharsets;

import netoverhead.http.IdleFrames;

/**
 * The idle workload's hello path as the embedded server reads it (http/IdleFrames has the wire format):
 * {@code /idle/<connections>/<warmup_ms>/<duration_ms>/<group>}, the numbers plain decimals (no sign, no leading
 * zero) of at most nine digits, at least one connection, and the group 1 to 64 characters of
 * {@code [A-Za-z0-9._-]}.
 */
final class IdlePath {
    static final String PREFIX = IdleFrames.PREFIX;
    static final int MAX_GROUP = 64;
    private static final int MAX_DIGITS = 9;
    /** What a malformed hello is told. */
    static final String FORM = "idle hellos are " + PREFIX + "<connections>/<warmup_ms>/<duration_ms>/<group>:"
            + " plain decimals of at most " + MAX_DIGITS + " digits, at least 1 connection, and a group of 1 to "
            + MAX_GROUP + " characters of A-Z a-z 0-9 . _ -";

    /** One hello's group and what it asks of the group. */
    record Hello(int connections, long warmupMs, long durationMs, String group) {
        /** How a group's hellos must agree: "3 connections, 200 ms warm-up, 1000 ms measured". */
        String terms() {
            return connections + (connections == 1 ? " connection, " : " connections, ") + warmupMs + " ms warm-up, "
                    + durationMs + " ms measured";
        }
    }

    private IdlePath() {}

    /** Whether the path in bytes[from, to) lies under {@code /idle/}, whatever follows. */
    static boolean under(byte[] bytes, int from, int to) {
        if (to - from < PREFIX.length()) return false;
        for (int i = 0; i < PREFIX.length(); i++) if (bytes[from + i] != PREFIX.charAt(i)) return false;
        return true;
    }

    static boolean under(String path) {
        return path.startsWith(PREFIX);
    }

    /** The hello the path in bytes[from, to) (ISO-8859-1, as it arrived) says, or null when it is not one. */
    static Hello parse(byte[] bytes, int from, int to) {
        if (!under(bytes, from, to)) return null;
        int at = from + PREFIX.length();
        long[] numbers = new long[3];
        for (int n = 0; n < 3; n++) {
            int slash = at;
            while (slash < to && bytes[slash] != '/') slash++;
            if (slash == to) return null;
            numbers[n] = decimal(bytes, at, slash);
            if (numbers[n] < 0) return null;
            at = slash + 1;
        }
        if (numbers[0] < 1 || to - at < 1 || to - at > MAX_GROUP) return null;
        for (int i = at; i < to; i++) if (!groupChar(bytes[i])) return null;
        String group = new String(bytes, at, to - at, StandardCharsets.ISO_8859_1);
        return new Hello((int) numbers[0], numbers[1], numbers[2], group);
    }

    static Hello parse(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.ISO_8859_1);
        return parse(bytes, 0, bytes.length);
    }

    /** A plain decimal of 1 to 9 digits in bytes[from, to), or -1. */
    private static long decimal(byte[] bytes, int from, int to) {
        int digits = to - from;
        if (digits < 1 || digits > MAX_DIGITS || digits > 1 && bytes[from] == '0') return -1;
        long value = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') return -1;
            value = value * 10 + (bytes[i] - '0');
        }
        return value;
    }

    private static boolean groupChar(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '_' || b == '-';
    }
}
