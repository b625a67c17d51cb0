package netoverhead.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A byte count as users write it: bytes with an optional KiB, MiB or GiB suffix; a bare number means MiB. */
public record Size(long bytes) {
    private static final Pattern FORMAT =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KIB|MIB|GIB|K|M|G|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    public Size {
        if (bytes < 0) throw new IllegalArgumentException("a size cannot be negative");
    }

    public static Size parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 200, 8MiB, 512KiB, 1GiB, 100B)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "MIB" : m.group(2).toUpperCase(Locale.ROOT);
        long scale = switch (unit) {
            case "B" -> 1L;
            case "KIB", "K", "KB" -> 1L << 10;
            case "MIB", "M", "MB" -> 1L << 20;
            case "GIB", "G", "GB" -> 1L << 30;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
        double bytes = number * scale;
        if (bytes > Long.MAX_VALUE / 2) throw new IllegalArgumentException("'" + text + "' is too large");
        if (bytes != Math.rint(bytes)) throw new IllegalArgumentException("'" + text + "' is not a whole number of bytes");
        return new Size((long) bytes);
    }

    public static Size mib(long mib) {
        return new Size(mib << 20);
    }

    @Override
    public String toString() {
        return format(bytes);
    }

    /** The shortest exact spelling: 200MiB, 512KiB, 100B. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) return bytes / (1L << 30) + "GiB";
        if (bytes != 0 && bytes % (1L << 20) == 0) return bytes / (1L << 20) + "MiB";
        if (bytes != 0 && bytes % (1L << 10) == 0) return bytes / (1L << 10) + "KiB";
        return bytes + "B";
    }
}
