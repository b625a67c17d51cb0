package netoverhead.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the tool started and has not yet seen end: child JVMs, native clients, servers. On Ctrl-C
 * or SIGTERM the JVM's shutdown hook ends them all, so that no process of a run outlives it.
 */
public final class ChildProcesses {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "netoverhead-end-children"));
    }

    private ChildProcesses() {}

    /**
     * Tracks a process the tool started. Once the tool is stopping, a process started too late to be seen
     * by the shutdown hook is ended at once, so that none outlives the run; its caller sees it die.
     */
    public static Process track(Process p) {
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        if (stopping) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return p;
    }

    /** True once the JVM is shutting down (Ctrl-C, SIGTERM, exit): results that come in now were cut short. */
    public static boolean stopping() {
        return stopping;
    }

    private static void stopAll() {
        stopping = true;
        endAll();
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
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
