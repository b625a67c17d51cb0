package netoverhead.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count as users write it: bytes with an optional KiB, MiB, GiB or TiB suffix; a bare number means MiB.
 * The units are binary (K, KB and KiB all mean 1024 bytes).
 */
public record Size(long bytes) {
    /** 4 EiB: past this, byte counts summed over connections would overflow; no disk holds such a file. */
    public static final long LARGEST = 1L << 62;

    private static final Pattern FORMAT = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s*(B|KIB|MIB|GIB|TIB|K|M|G|T|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);

    public Size {
        if (bytes < 0) throw new IllegalArgumentException("a size cannot be negative");
    }

    public static Size parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 200, 8MiB, 512KiB, 1GiB, 1TiB, 100B)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "MIB" : m.group(2).toUpperCase(Locale.ROOT);
        long scale = switch (unit) {
            case "B" -> 1L;
            case "KIB", "K", "KB" -> 1L << 10;
            case "MIB", "M", "MB" -> 1L << 20;
            case "GIB", "G", "GB" -> 1L << 30;
            case "TIB", "T", "TB" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
        double bytes = number * scale;
        if (bytes > LARGEST) {
            throw new IllegalArgumentException("'" + text + "' is too large: sizes go up to 4194304TiB (4 EiB)");
        }
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

    /** Three significant digits in the largest unit that fits, for people: 79.6 GiB, 512 KiB, 100 B. */
    public static String approximate(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) return bytes + " B";
        String digits = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
        return digits + " " + units[unit];
    }

    /** The shortest exact spelling: 200MiB, 512KiB, 1TiB, 100B. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 40) == 0) return bytes / (1L << 40) + "TiB";
        if (bytes != 0 && bytes % (1L << 30) == 0) return bytes / (1L << 30) + "GiB";
        if (bytes != 0 && bytes % (1L << 20) == 0) return bytes / (1L << 20) + "MiB";
        if (bytes != 0 && bytes % (1L << 10) == 0) return bytes / (1L << 10) + "KiB";
        return bytes + "B";
    }
}
