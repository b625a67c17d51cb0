package netoverhead.server.link;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named network namespace that this process created and removes. Names are {@code nobench-<pid>-<n>}, so
 * that a namespace always says which process owns it, and one left by a killed run can be recognised.
 */
public final class NetworkNamespace implements AutoCloseable {
    public static final String PREFIX = "nobench-";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private volatile boolean removed;

    private NetworkNamespace(String name) {
        this.name = name;
    }

    /** A fresh namespace with its loopback up. */
    public static NetworkNamespace create() throws IOException {
        String name = PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Ip.ip("netns", "add", name);
        NetworkNamespace ns = new NetworkNamespace(name);
        try {
            Ip.ip("-n", name, "link", "set", "lo", "up");
        } catch (IOException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** The command prefix that runs a program inside this namespace. */
    public List<String> execPrefix() throws IOException {
        return List.of(Ip.ip().toString(), "netns", "exec", name);
    }

    /** The names of every namespace on this machine. */
    public static List<String> list() throws IOException {
        return Ip.ip("netns", "list").lines()
                .map(line -> line.split("\\s+")[0])
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * Removes the name; the namespace itself ends with its last process, and with it the links inside. Safe to
     * call twice and from a shutdown hook.
     */
    @Override
    public void close() {
        if (removed) return;
        removed = true;
        Ip.ipQuietly("netns", "del", name);
    }
}
