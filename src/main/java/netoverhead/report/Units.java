package netoverhead.report;

import java.util.List;
import java.util.stream.Collectors;

/** Values in the units people read: {@code 8 MiB}, {@code 10 ms}, {@code 4, 16}; the files keep full precision. */
final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {}

    /** {@code 8388608} as {@code 8 MiB}; {@code 1536} as {@code 1.5 KiB}; {@code 200} as {@code 200 B}. */
    static String bytes(long bytes) {
        double v = bytes;
        int unit = 0;
        while (Math.abs(v) >= 1024 && unit < BYTE_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return Numbers.significant(v, 4) + " " + BYTE_UNITS[unit];
    }

    /** A duration given in milliseconds, in us, ms or s as fits: {@code 10 ms}, {@code 30 s}. */
    static String millis(double ms) {
        return nanos(ms * 1e6);
    }

    /** A duration given in nanoseconds, in us, ms or s as fits. */
    static String nanos(double ns) {
        TimeScale t = TimeScale.fitting(ns);
        return Numbers.significant(ns / t.nanos(), 4) + " " + t.symbol();
    }

    /** A text with its first letter a capital, as a column title begins: {@code CPU per request}. */
    static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Connection counts as a list: {@code 10}, {@code 1, 10, 100}. */
    static String list(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** A unit of time for a whole axis or column, chosen from its largest value. */
    record TimeScale(String symbol, double nanos) {
        static final TimeScale US = new TimeScale("us", 1e3);
        static final TimeScale MS = new TimeScale("ms", 1e6);
        static final TimeScale S = new TimeScale("s", 1e9);

        static TimeScale fitting(double maxNanos) {
            double v = Math.abs(maxNanos);
            return v >= 1e9 ? S : v >= 1e6 ? MS : US;
        }
    }
}
