package netoverhead.server;

import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The idle groups of one embedded server by name, shared by its event loops, and the heartbeat that runs their
 * timelines (started with the first hello, stopped on close). A group whose connections are all closed is dropped;
 * what it counted stays readable ({@link #counts}) for the last {@link #FINISHED_KEPT} groups dropped.
 */
final class IdleGroups implements AutoCloseable {
    static final int FINISHED_KEPT = 1024;

    /** A hello's member of its group, or why it was refused. */
    record Admission(IdleMember member, String refusal) {}

    private final Map<String, IdleGroup> live = new ConcurrentHashMap<>();
    private final Map<String, IdleCounts> finished = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IdleCounts> eldest) {
            return size() > FINISHED_KEPT;
        }
    };
    private volatile IdleHeartbeat heartbeat;
    private boolean closed;

    /** Admits a hello to its group, made on its first hello. */
    synchronized Admission admit(IdlePath.Hello hello, SocketChannel channel) {
        if (closed) return new Admission(null, "the server is closing");
        IdleGroup group = live.computeIfAbsent(hello.group(), name -> new IdleGroup(hello, this));
        String refusal = group.admit(hello, System.nanoTime());
        if (refusal != null) return new Admission(null, refusal);
        if (heartbeat == null) heartbeat = IdleHeartbeat.start(this);
        return new Admission(new IdleMember(group, channel), null);
    }

    Collection<IdleGroup> live() {
        return live.values();
    }

    void wake() {
        IdleHeartbeat h = heartbeat;
        if (h != null) h.wake();
    }

    synchronized void dropIfEmpty(IdleGroup group) {
        if (group.isEmpty() && live.remove(group.name(), group)) finished.put(group.name(), group.counts());
    }

    /** What the group of that name counted: live, or one of the last dropped; empty when none has that name. */
    synchronized Optional<IdleCounts> counts(String group) {
        IdleGroup g = live.get(group);
        return g != null ? Optional.of(g.counts()) : Optional.ofNullable(finished.get(group));
    }

    @Override
    public void close() {
        IdleHeartbeat h;
        synchronized (this) {
            closed = true;
            h = heartbeat;
        }
        if (h != null) h.stop();
    }
}
