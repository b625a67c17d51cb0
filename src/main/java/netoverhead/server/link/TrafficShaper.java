package netoverhead.server.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Shapes the egress of one veth end with tc: tbf for the rate; netem, as tbf's parent, for delay and loss.
 * Applied to both ends, it makes the link symmetric: each direction gets the rate, the delay and the loss.
 */
final class TrafficShaper {
    private static final String NO_NETEM = "this kernel has no netem queueing discipline (sch_netem), so --link "
            + "cannot emulate delay or loss here; use rate= and mtu= only";

    private TrafficShaper() {}

    /**
     * What the kernel's configuration says of netem before anything is created: false when it is known to be
     * missing, true otherwise (present, or unknown; then {@link #shape} finds out by trying).
     */
    static boolean netemMaybeAvailable() {
        if (Files.isDirectory(Path.of("/sys/module/sch_netem"))) return true;
        Path config = Path.of("/proc/config.gz");
        if (!Files.isReadable(config)) return true;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(config))) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return !text.contains("# CONFIG_NET_SCH_NETEM is not set");
        } catch (IOException e) {
            return true;
        }
    }

    static void refuseWithoutNetem(LinkSpec spec) throws IOException {
        if (spec.needsNetem() && !netemMaybeAvailable()) throw new IOException(NO_NETEM);
    }

    /** Shapes {@code end}'s egress as {@code spec} says. */
    static void shape(VethPair.End end, LinkSpec spec) throws IOException {
        List<String> tbf = List.of("tbf", "rate", spec.rateBitsPerSecond() + "bit",
                "burst", Long.toString(burstBytes(spec)), "latency", "50ms");
        if (!spec.needsNetem()) {
            tc(end, concat(List.of("qdisc", "add", "dev", end.device(), "root"), tbf));
            return;
        }
        List<String> netem = new ArrayList<>(List.of("qdisc", "add", "dev", end.device(), "root", "handle", "1:", "netem"));
        if (spec.delayMicros() > 0) netem.addAll(List.of("delay", spec.delayMicros() + "us"));
        if (spec.lossPercent() > 0) netem.addAll(List.of("loss", String.format(Locale.ROOT, "%.6f%%", spec.lossPercent())));
        try {
            tc(end, netem);
        } catch (IOException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (why.contains("unknown") || why.contains("no such file")) throw new IOException(NO_NETEM);
            throw e;
        }
        tc(end, concat(List.of("qdisc", "add", "dev", end.device(), "parent", "1:1", "handle", "10:"), tbf));
    }

    /**
     * tbf's bucket: 4 ms at the rate, at least 32 KiB and one full frame, so that the rate holds at any timer
     * resolution yet no single packet waits forever. A larger bucket would let a short download beat the rate.
     */
    static long burstBytes(LinkSpec spec) {
        long fourMs = spec.rateBitsPerSecond() / 8 / 250;
        long frame = (spec.mtu() > 0 ? spec.mtu() : 1500) + 14;
        return Math.max(Math.max(fourMs, 32 * 1024), frame);
    }

    private static void tc(VethPair.End end, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(end.ns());
        all.addAll(args);
        Ip.tc(all.toArray(String[]::new));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
