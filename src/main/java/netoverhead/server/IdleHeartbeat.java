package netoverhead.server;

import java.util.concurrent.locks.LockSupport;

/**
 * The thread that runs every idle group's timeline (one per server, started with its first idle hello): it ticks
 * each live group and parks until the earliest next thing to do, or until a group wakes it (all its hellos in,
 * its last measured echo read). It writes the frames; the event loops read the echoes.
 */
final class IdleHeartbeat implements Runnable {
    /** The longest park: the groups' own times bound it, this only bounds a missed wake-up. */
    private static final long MOST_PARK_NANOS = 1_000_000_000L;

    private final IdleGroups groups;
    private final IdleFrameOut out = new IdleFrameOut();
    private final Thread thread;
    private volatile boolean running = true;

    private IdleHeartbeat(IdleGroups groups) {
        this.groups = groups;
        this.thread = Thread.ofPlatform().name("netoverhead-idle-heartbeat").daemon().unstarted(this);
    }

    static IdleHeartbeat start(IdleGroups groups) {
        IdleHeartbeat heartbeat = new IdleHeartbeat(groups);
        heartbeat.thread.start();
        return heartbeat;
    }

    @Override
    public void run() {
        while (running) {
            long park = MOST_PARK_NANOS;
            for (IdleGroup group : groups.live()) {
                park = Math.min(park, group.tick(System.nanoTime(), out));
                if (group.isEmpty()) groups.dropIfEmpty(group); // every connection closed on a short write
            }
            if (park > 0) LockSupport.parkNanos(this, park);
        }
    }

    void wake() {
        LockSupport.unpark(thread);
    }

    void stop() {
        running = false;
        wake();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
