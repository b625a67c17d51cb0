package netoverhead.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Puts the calling thread in the real-time class (SCHED_FIFO, priority 1) and back. On a client with one
 * CPU, the thread that starts the jobs otherwise waits for the CPU behind every job it has already started:
 * HotSpot's Thread.start waits for the new thread to run before it returns, and under EEVDF that wait
 * grew to 10-40 ms a thread, so that 100 connections took 1 to 4 s to start. A real-time thread runs as soon
 * as it is runnable, and the threads it starts inherit the class until they {@link #leave()} it. Linux only;
 * needs root or CAP_SYS_NICE.
 */
public final class RealtimeStart {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    private static final int EPERM = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SET_SCHEDULER = LINKER.downcallHandle(
            LINKER.defaultLookup().find("sched_setscheduler").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
            Linker.Option.captureCallState("errno"));

    private RealtimeStart() {}

    /** Moves the calling thread into SCHED_FIFO; returns null, or why it could not. */
    public static String enter() {
        return set(SCHED_FIFO, 1);
    }

    /** Moves the calling thread back to the ordinary class (SCHED_OTHER); returns null, or why it could not. */
    public static String leave() {
        return set(SCHED_OTHER, 0);
    }

    /** Null if this process may use the real-time class, else why not; tried on a thread of its own. */
    public static String check() {
        String[] why = new String[1];
        Thread probe = Thread.ofPlatform().name("netoverhead-realtime-check").unstarted(() -> {
            why[0] = enter();
            if (why[0] == null) leave();
        });
        probe.start();
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return why[0];
    }

    private static String set(int policy, int priority) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) return "real-time scheduling is Linux only here";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
            param.set(ValueLayout.JAVA_INT, 0, priority);
            int rc = (int) SET_SCHEDULER.invokeExact(state, 0, policy, param);
            if (rc == 0) return null;
            int errno = (int) ERRNO.get(state, 0L);
            return errno == EPERM ? "sched_setscheduler: not permitted (needs root or CAP_SYS_NICE)"
                    : "sched_setscheduler: errno " + errno;
        } catch (Throwable t) {
            return "sched_setscheduler: " + t;
        }
    }
}
