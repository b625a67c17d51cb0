package netoverhead.server.link;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Namespaces and veths that a run left behind when it was killed outright (SIGKILL gives it no chance to
 * clean up). Their names carry the owner's pid; one whose owner has ended and that no process uses is
 * removed before a new link is made.
 */
public final class StaleLinks {
    private static final Pattern NAMESPACE = Pattern.compile(Pattern.quote(NetworkNamespace.PREFIX) + "(\\d+)-\\d+");
    private static final Pattern VETH = Pattern.compile(Pattern.quote(VethPair.PREFIX) + "(\\d+)[ab]\\d+");

    private StaleLinks() {}

    /** Namespaces named by this tool whose owning process has ended. */
    public static List<String> namespaces() throws IOException {
        List<String> stale = new ArrayList<>();
        for (String name : NetworkNamespace.list()) {
            if (ownerEnded(NAMESPACE.matcher(name))) stale.add(name);
        }
        return stale;
    }

    /** veth interfaces here named by this tool whose owning process has ended. */
    public static List<String> interfaces() throws IOException {
        List<String> stale = new ArrayList<>();
        for (String name : VethPair.interfaces()) {
            if (ownerEnded(VETH.matcher(name))) stale.add(name);
        }
        return stale;
    }

    static void remove(Consumer<String> log) {
        try {
            for (String name : namespaces()) {
                if (!Ip.ip("netns", "pids", name).isBlank()) continue; // still in use by some process
                Ip.ipQuietly("netns", "del", name);
                log.accept("removed namespace " + name + ", left by an ended run");
            }
            for (String name : interfaces()) {
                Ip.ipQuietly("link", "del", "dev", name);
                log.accept("removed interface " + name + ", left by an ended run");
            }
        } catch (IOException e) {
            log.accept("could not look for links left by ended runs: " + e.getMessage());
        }
    }

    private static boolean ownerEnded(Matcher m) {
        return m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
    }
}
