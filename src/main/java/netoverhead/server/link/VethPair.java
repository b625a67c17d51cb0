package netoverhead.server.link;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A veth pair: two interfaces joined like the ends of a cable, each in a namespace (null is this process's
 * own), each with an address of one small subnet. Names are {@code nb<pid>a<n>} and {@code nb<pid>b<n>},
 * within the 15 characters Linux allows, and say which process made them.
 */
public final class VethPair implements AutoCloseable {
    public static final String PREFIX = "nb";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** One end: its interface name, its namespace (null for this process's), its address. */
    public record End(String device, NetworkNamespace namespace, String address) {
        List<String> ns() {
            return namespace == null ? List.of() : List.of("-n", namespace.name());
        }
    }

    private final End a;
    private final End b;
    private volatile boolean removed;

    private VethPair(End a, End b) {
        this.a = a;
        this.b = b;
    }

    /**
     * Creates the pair, gives each end its address in {@code subnet}/{@code prefixLength}, sets the MTU (0: the
     * default) and brings both ends up.
     */
    public static VethPair create(NetworkNamespace nsA, String addressA, NetworkNamespace nsB, String addressB,
                                  int prefixLength, int mtu) throws IOException {
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        End a = new End(PREFIX + pid + "a" + n, nsA, addressA);
        End b = new End(PREFIX + pid + "b" + n, nsB, addressB);
        List<String> add = new ArrayList<>(List.of("link", "add", "name", a.device()));
        if (nsA != null) add.addAll(List.of("netns", nsA.name()));
        add.addAll(List.of("type", "veth", "peer", "name", b.device()));
        if (nsB != null) add.addAll(List.of("netns", nsB.name()));
        Ip.ip(add.toArray(String[]::new));
        VethPair pair = new VethPair(a, b);
        try {
            for (End end : List.of(a, b)) {
                if (mtu > 0) ip(end, "link", "set", "dev", end.device(), "mtu", Integer.toString(mtu));
                ip(end, "addr", "add", end.address() + "/" + prefixLength, "dev", end.device());
                ip(end, "link", "set", "dev", end.device(), "up");
            }
        } catch (IOException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    public End a() {
        return a;
    }

    public End b() {
        return b;
    }

    private static void ip(End end, String... args) throws IOException {
        List<String> all = new ArrayList<>(end.ns());
        all.addAll(List.of(args));
        Ip.ip(all.toArray(String[]::new));
    }

    /** Deleting one end deletes both; a pair whose namespace has gone is already gone. Safe to call twice. */
    @Override
    public void close() {
        if (removed) return;
        removed = true;
        for (End end : List.of(a, b)) {
            List<String> args = new ArrayList<>(end.ns());
            args.addAll(List.of("link", "del", "dev", end.device()));
            if (Ip.ipQuietly(args.toArray(String[]::new))) return;
        }
    }

    /** The names of every network interface in this process's namespace. */
    public static List<String> interfaces() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Ip.ip("-o", "link", "show").lines().toList()) {
            String[] parts = line.split(":\\s+", 3);
            if (parts.length < 2) continue;
            String name = parts[1];
            int at = name.indexOf('@');
            names.add(at < 0 ? name : name.substring(0, at));
        }
        return names;
    }
}
