package netoverhead.server;

/**
 * The path that names an rr response's size, as every server the tool starts serves it: {@code /rr/<bytes>},
 * bytes a plain decimal (no sign, no leading zero) from 0 to 1 GiB. The body is the payload pattern from offset 0,
 * so {@code --verify} checks it as it checks the payload.
 */
public final class RrPath {
    public static final String PREFIX = "/rr/";
    /** The largest response size: 1 GiB. */
    public static final long MAX_BYTES = 1L << 30;

    private RrPath() {}

    /** {@code /rr/128}. */
    public static String of(long bytes) {
        if (!validSize(bytes)) throw new IllegalArgumentException("a response size must be 0 to " + MAX_BYTES + " bytes");
        return PREFIX + bytes;
    }

    public static boolean validSize(long bytes) {
        return bytes >= 0 && bytes <= MAX_BYTES;
    }

    /** Whether {@code path} lies under {@code /rr/}, whatever follows. */
    public static boolean under(String path) {
        return path.startsWith(PREFIX);
    }

    /** The size {@code path} names, or -1 when it names none (another path, not a plain decimal, above 1 GiB). */
    public static long parse(String path) {
        if (!path.startsWith(PREFIX)) return -1;
        return digits(path, PREFIX.length(), path.length());
    }

    /** As {@link #parse(String)}, for the path in bytes[from, to) as it arrived (ISO-8859-1), allocating nothing. */
    static long parse(byte[] bytes, int from, int to) {
        int digits = from + PREFIX.length();
        if (to <= digits) return -1;
        for (int i = 0; i < PREFIX.length(); i++) if (bytes[from + i] != PREFIX.charAt(i)) return -1;
        if (!plainDecimal(to - digits, bytes[digits] == '0')) return -1;
        long value = 0;
        for (int i = digits; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') return -1;
            value = value * 10 + (bytes[i] - '0');
        }
        return validSize(value) ? value : -1;
    }

    private static long digits(String s, int from, int to) {
        if (!plainDecimal(to - from, from < to && s.charAt(from) == '0')) return -1;
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return validSize(value) ? value : -1;
    }

    /** 1 to 10 digits (1 GiB has 10), a leading zero only in "0" itself: every size has exactly one path. */
    private static boolean plainDecimal(int digits, boolean leadingZero) {
        return digits > 0 && digits <= 10 && !(digits > 1 && leadingZero);
    }
}
