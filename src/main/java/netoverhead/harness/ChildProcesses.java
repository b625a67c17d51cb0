package netoverhead.harness;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the tool started and has not yet seen end: child JVMs, native clients, servers. On Ctrl-C
 * or SIGTERM the JVM's shutdown hook ends them all, so that no process of a run outlives it.
 */
public final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean closing;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::endAll, "netoverhead-end-children"));
    }

    private ChildProcesses() {}

    /** Tracks a process; one started while the tool is shutting down is ended at once. */
    public static Process track(Process p) throws IOException {
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        if (closing) {
            end(p, 0);
            throw new IOException("shutting down");
        }
        return p;
    }

    /** Asks a process to stop, then kills it and its descendants if it has not ended within the grace time. */
    public static void end(Process p, long graceMillis) {
        if (!p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(graceMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void endAll() {
        closing = true;
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
