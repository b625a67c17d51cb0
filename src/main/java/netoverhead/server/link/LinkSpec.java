package netoverhead.server.link;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An emulated link as {@code --link} describes it: {@code rate=1gbit[,delay=2ms][,loss=0.1%][,mtu=1500]}.
 * The rate is in bits per second as tc writes it (bit, kbit, mbit, gbit, tbit; powers of 1000); the texts
 * are kept as typed so that labels read as the user wrote them.
 *
 * @param rateBitsPerSecond the shaped rate, in each direction
 * @param delayMicros       one-way delay added in each direction, 0 for none
 * @param lossPercent       packet loss in each direction, 0 for none
 * @param mtu               the veth MTU, 0 for the default (1500)
 */
public record LinkSpec(long rateBitsPerSecond, String rateText, long delayMicros, String delayText, double lossPercent,
                       String lossText, int mtu) {
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(bit|kbit|mbit|gbit|tbit)");
    private static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)");
    private static final Pattern LOSS = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
    private static final String EXAMPLE = " (example: --link rate=1gbit,delay=2ms,loss=0.1%,mtu=1500)";

    public boolean needsNetem() {
        return delayMicros > 0 || lossPercent > 0;
    }

    /** The rate in MiB/s of payload, an upper bound for any throughput measured over the link. */
    public double rateMiBps() {
        return rateBitsPerSecond / 8.0 / (1 << 20);
    }

    /** How rows measured over this link are labelled: "veth 1gbit", "veth 1gbit, delay 2ms, loss 0.1%". */
    public String label() {
        StringBuilder sb = new StringBuilder("veth ").append(rateText);
        if (delayMicros > 0) sb.append(", delay ").append(delayText);
        if (lossPercent > 0) sb.append(", loss ").append(lossText);
        if (mtu > 0) sb.append(", mtu ").append(mtu);
        return sb.toString();
    }

    /** Parses the --link value; a bad one is an {@link IllegalArgumentException} with one clear line. */
    public static LinkSpec parse(String text) {
        long rate = -1;
        String rateText = null;
        long delay = 0;
        String delayText = null;
        double loss = 0;
        String lossText = null;
        int mtu = 0;
        for (String part : text.trim().toLowerCase(Locale.ROOT).split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--link: '" + part + "' is not key=value" + EXAMPLE);
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "rate" -> {
                    Matcher m = RATE.matcher(value);
                    if (!m.matches()) throw bad("rate", value, "a rate such as 200mbit or 1gbit");
                    rate = (long) (Double.parseDouble(m.group(1)) * switch (m.group(2)) {
                        case "kbit" -> 1e3;
                        case "mbit" -> 1e6;
                        case "gbit" -> 1e9;
                        case "tbit" -> 1e12;
                        default -> 1;
                    });
                    if (rate < 8000) throw bad("rate", value, "at least 8kbit");
                    rateText = value;
                }
                case "delay" -> {
                    Matcher m = DELAY.matcher(value);
                    if (!m.matches()) throw bad("delay", value, "a delay such as 2ms, 500us or 1s");
                    delay = (long) (Double.parseDouble(m.group(1)) * switch (m.group(2)) {
                        case "s" -> 1e6;
                        case "ms" -> 1e3;
                        default -> 1;
                    });
                    if (delay > 60_000_000) throw bad("delay", value, "at most 60s");
                    delayText = value;
                }
                case "loss" -> {
                    Matcher m = LOSS.matcher(value);
                    if (!m.matches()) throw bad("loss", value, "a percentage such as 0.1%");
                    loss = Double.parseDouble(m.group(1));
                    if (loss > 100) throw bad("loss", value, "at most 100%");
                    lossText = value;
                }
                case "mtu" -> {
                    try {
                        mtu = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw bad("mtu", value, "a number of bytes between 68 and 65535");
                    }
                    if (mtu < 68 || mtu > 65535) throw bad("mtu", value, "a number of bytes between 68 and 65535");
                }
                default -> throw new IllegalArgumentException("--link: unknown key '" + key
                        + "' (known: rate, delay, loss, mtu)" + EXAMPLE);
            }
        }
        if (rate < 0) throw new IllegalArgumentException("--link needs a rate" + EXAMPLE);
        return new LinkSpec(rate, rateText, delay, delayText, loss, lossText, mtu);
    }

    private static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("--link " + key + "='" + value + "' must be " + expected);
    }
}
