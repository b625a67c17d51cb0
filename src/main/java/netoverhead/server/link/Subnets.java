package netoverhead.server.link;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the /30 of an emulated link: from 10.213.0.0/16, one that overlaps no address or route of this
 * machine, so that the link never shadows a real network. Runs on one machine choose under a file lock,
 * and hold it until their addresses are set, so that two concurrent runs never pick the same /30.
 */
final class Subnets {
    private static final int BASE = (10 << 24) | (213 << 16);
    private static final int BLOCKS = 1 << 14; // /30s in a /16
    private static final Pattern PREFIX = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+)(?:/(\\d+))?");

    /** A /30: the host end is {@code first}, the namespace end {@code second}. */
    record Slash30(int network) {
        String first() {
            return format(network + 1);
        }

        String second() {
            return format(network + 2);
        }
    }

    /** The held lock; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private Subnets() {}

    /** An exclusive lock over choosing and claiming a subnet, shared by every run on this machine. */
    static Lock lock() throws IOException {
        Path dir = Files.isDirectory(Path.of("/run/lock")) && Files.isWritable(Path.of("/run/lock"))
                ? Path.of("/run/lock") : Path.of(System.getProperty("java.io.tmpdir"));
        FileChannel channel = FileChannel.open(dir.resolve("netoverhead-link.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        return () -> {
            lock.release();
            channel.close();
        };
    }

    /** A /30 that no address or route of this machine overlaps; call it holding {@link #lock()}. */
    static Slash30 free() throws IOException {
        List<int[]> used = new ArrayList<>(); // {network, mask}
        String text = Ip.ip("-4", "-o", "addr", "show") + "\n" + Ip.ip("-4", "route", "show", "table", "all");
        Matcher m = PREFIX.matcher(text);
        while (m.find()) {
            int length = m.group(2) == null ? 32 : Integer.parseInt(m.group(2));
            int mask = length == 0 ? 0 : -1 << (32 - length);
            if (length > 0) used.add(new int[] {parse(m.group(1)) & mask, mask});
        }
        int start = (int) Math.floorMod(ProcessHandle.current().pid() * 31, BLOCKS);
        for (int i = 0; i < BLOCKS; i++) {
            int network = BASE + ((start + i) % BLOCKS) * 4;
            if (used.stream().noneMatch(u -> overlaps(network, -4, u[0], u[1]))) return new Slash30(network);
        }
        throw new IOException("no free /30 left in 10.213.0.0/16 for an emulated link");
    }

    private static boolean overlaps(int netA, int maskA, int netB, int maskB) {
        int common = maskA & maskB; // the shorter prefix's mask
        return (netA & common) == (netB & common);
    }

    private static int parse(String dotted) {
        int value = 0;
        for (String octet : dotted.split("\\.")) value = (value << 8) | Integer.parseInt(octet);
        return value;
    }

    private static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "." + (address & 255);
    }
}
