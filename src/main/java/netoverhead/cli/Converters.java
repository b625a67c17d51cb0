package netoverhead.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import netoverhead.config.Size;

/** Picocli converters for the option types users type. */
public final class Converters {
    private Converters() {}

    public static final class SizeConverter implements ITypeConverter<Size> {
        @Override
        public Size convert(String value) {
            try {
                return Size.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A duration in milliseconds from "10s", "500ms", "2m" or a bare number of seconds; at least 1 ms. */
    public static final class MillisConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            double ms = DurationConverter.millis(value);
            if (ms < 1 || ms > Integer.MAX_VALUE) throw new TypeConversionException("'" + value + "' is out of range");
            return (int) ms;
        }
    }

    /** A duration, zero allowed: "10s", "500ms", "2m", "0s" or a bare number of seconds. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            double ms = millis(value);
            if (ms > 24 * 3600_000.0) throw new TypeConversionException("'" + value + "' is longer than a day");
            return Duration.ofNanos(Math.round(ms * 1e6));
        }

        /** The milliseconds {@code value} says; a one-line error when it is not a duration. */
        static double millis(String value) {
            Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) throw new TypeConversionException("'" + value + "' is not a duration (examples: 10s, 500ms, 2m)");
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                default -> n * 1000;
            };
        }
    }
}
