package netoverhead.server;

import java.util.ArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.HdrHistogram.Histogram;

import netoverhead.http.IdleFrames;

/**
 * One idle group of the embedded server (http/IdleFrames): its connections, its timeline and what it counted.
 * Once all its connections have said hello (or {@link #GATHER_NANOS} after its last hello, with those it has) the
 * heartbeat runs its timeline through {@link #tick}: warm-up pings, START on its first connection, measured pings,
 * END there, then, once every measured ping is echoed (or {@link #DRAIN_NANOS} after END), the measured round trips
 * as RESULT frames there and BYE on every connection. The event loops hand it the echoes they read. One lock (the
 * group's) guards it all: a few thousand pings and echoes a second at most.
 */
final class IdleGroup {
    static final long GATHER_NANOS = 10_000_000_000L;
    static final long DRAIN_NANOS = 2_000_000_000L;
    /** Pings the heartbeat is further behind than this are not sent: a late heartbeat does not send a burst. */
    private static final long MOST_BEHIND_NANOS = 1_000_000_000L;
    /** The precision of the client's latency histograms (workload/Latencies): finer would only add RESULT frames. */
    private static final int DIGITS = 2;

    private enum Phase { GATHERING, WARMUP, MEASURED, DRAINING, ENDED }

    final IdlePath.Hello terms;
    private final IdleGroups registry;
    private final long intervalNanos;
    private final ArrayList<IdleMember> pinged = new ArrayList<>();
    private final Histogram roundTrips = new Histogram(DIGITS);
    private IdleMember lead;        // the first connection: START, END and RESULT go there
    private Phase phase = Phase.GATHERING;
    private volatile boolean ended;
    private int admitted;           // hellos whose connection is still open
    private int hellos;
    private long lastHelloAt;
    private long phaseStart;
    private long nextPingAt;
    private long drainUntil;
    private int sequence;
    private long measuredOutstanding;
    private long warmupSent;
    private long measuredSent;
    private long warmupEchoes;
    private long measuredEchoes;
    private long resultCount;
    private int closedByServer;

    IdleGroup(IdlePath.Hello terms, IdleGroups registry) {
        this.terms = terms;
        this.registry = registry;
        this.intervalNanos = 1_000_000_000L / IdleFrames.pingsPerSecond(terms.connections());
    }

    String name() {
        return terms.group();
    }

    /** Counts a hello in; the reason it is refused instead (other terms, the group full or begun). */
    synchronized String admit(IdlePath.Hello hello, long now) {
        String name = "the idle group " + terms.group();
        if (!hello.equals(terms)) return name + " is of " + terms.terms() + ", not " + hello.terms();
        if (phase != Phase.GATHERING) return name + " has begun";
        if (admitted >= terms.connections()) return name + " has all its " + terms.connections() + " connections";
        admitted++;
        hellos++;
        lastHelloAt = now;
        return null;
    }

    /** The member's hello is answered whole: the timeline writes to it from now on. */
    synchronized void activate(IdleMember m) {
        if (m.left || m.index >= 0) return;
        m.index = pinged.size();
        pinged.add(m);
        if (lead == null) lead = m;
        if (phase == Phase.ENDED) {
            IdleFrameOut.bye(m.channel); // a hello answered late, after the group's end: nothing else comes
        } else if (phase == Phase.GATHERING && pinged.size() == terms.connections()) {
            registry.wake();
        }
    }

    boolean ended() {
        return ended;
    }

    synchronized boolean isEmpty() {
        return admitted == 0;
    }

    /** The member's connection is closed; the registry drops the group once none is left. */
    void leave(IdleMember m) {
        boolean empty;
        synchronized (this) {
            remove(m);
            empty = admitted == 0;
        }
        if (empty) registry.dropIfEmpty(this);
    }

    private void remove(IdleMember m) {
        if (m.left) return;
        m.left = true;
        admitted--;
        if (m.index >= 0) {
            IdleMember last = pinged.removeLast();
            if (last != m) {
                pinged.set(m.index, last);
                last.index = m.index;
            }
        }
        measuredOutstanding -= m.measuredOutstanding;
        if (lead == m) lead = pinged.isEmpty() ? null : pinged.getFirst();
        if (phase == Phase.DRAINING && measuredOutstanding == 0) registry.wake();
    }

    /** The server closes the member's connection itself: a frame it did not take whole. */
    private void drop(IdleMember m) {
        IdleFrameOut.close(m.channel);
        remove(m);
        closedByServer++;
    }

    /**
     * Takes one frame read from the member at {@code now}: false when it is no echo of a ping the member has not
     * echoed yet (the caller closes the connection).
     */
    synchronized boolean echoed(IdleMember m, byte[] b, int at, long now) {
        if (b[at + 1] != 0 || b[at + 2] != 0 || b[at + 3] != 0) return false;
        long wide = 0;
        for (int i = 8; i < IdleFrames.BYTES; i++) wide = (wide << 8) | (b[at + i] & 0xff);
        long roundTrip = now - wide;
        if (roundTrip < 0) return false;
        switch (b[at]) {
            case IdleFrames.WARMUP_PING -> {
                if (m.warmupOutstanding == 0) return false;
                m.warmupOutstanding--;
                warmupEchoes++;
            }
            case IdleFrames.MEASURED_PING -> {
                if (m.measuredOutstanding == 0) return false;
                m.measuredOutstanding--;
                measuredOutstanding--;
                measuredEchoes++;
                roundTrips.recordValue(roundTrip);
                if (phase == Phase.DRAINING && measuredOutstanding == 0) registry.wake();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Runs the timeline up to {@code now}: how long until it has more to do (Long.MAX_VALUE once ended). */
    synchronized long tick(long now, IdleFrameOut out) {
        if (phase == Phase.GATHERING) {
            boolean all = pinged.size() >= terms.connections();
            if (pinged.isEmpty() || !all && now - lastHelloAt < GATHER_NANOS) {
                return pinged.isEmpty() ? GATHER_NANOS : lastHelloAt + GATHER_NANOS - now;
            }
            begin(Phase.WARMUP, now);
        }
        if (phase == Phase.WARMUP) {
            long end = phaseStart + terms.warmupMs() * 1_000_000L;
            if (now - end < 0) return ping(now, end, IdleFrames.WARMUP_PING, out);
            toLead(IdleFrames.START, out);
            begin(Phase.MEASURED, System.nanoTime());
            now = phaseStart;
        }
        if (phase == Phase.MEASURED) {
            long end = phaseStart + terms.durationMs() * 1_000_000L;
            if (now - end < 0) return ping(now, end, IdleFrames.MEASURED_PING, out);
            toLead(IdleFrames.END, out);
            phase = Phase.DRAINING;
            drainUntil = System.nanoTime() + DRAIN_NANOS;
        }
        if (phase == Phase.DRAINING) {
            if (measuredOutstanding > 0 && now - drainUntil < 0) return drainUntil - now;
            results(out);
            for (int i = pinged.size() - 1; i >= 0; i--) {
                IdleMember m = pinged.get(i);
                if (!out.frame(m.channel, IdleFrames.BYE, 0, 0)) drop(m);
            }
            phase = Phase.ENDED;
            ended = true;
        }
        return Long.MAX_VALUE;
    }

    private void begin(Phase next, long now) {
        phase = next;
        phaseStart = now;
        nextPingAt = now;
    }

    /** Sends the pings due by {@code now} before {@code end}, each on a connection picked at random: the wait. */
    private long ping(long now, long end, byte type, IdleFrameOut out) {
        if (now - nextPingAt > MOST_BEHIND_NANOS) nextPingAt = now;
        while (nextPingAt - now <= 0 && nextPingAt - end < 0) {
            if (!pinged.isEmpty()) {
                IdleMember m = pinged.get(ThreadLocalRandom.current().nextInt(pinged.size()));
                if (!out.frame(m.channel, type, ++sequence, System.nanoTime())) {
                    drop(m);
                } else if (type == IdleFrames.WARMUP_PING) {
                    warmupSent++;
                    m.warmupOutstanding++;
                } else {
                    measuredSent++;
                    m.measuredOutstanding++;
                    measuredOutstanding++;
                }
            }
            nextPingAt += intervalNanos;
        }
        return Math.max(0, Math.min(nextPingAt, end) - now);
    }

    /** A frame on the first connection; if it does not take it, on the next first one. */
    private void toLead(byte type, IdleFrameOut out) {
        while (lead != null && !out.frame(lead.channel, type, 0, 0)) drop(lead);
    }

    private void results(IdleFrameOut out) {
        while (lead != null) {
            long sent = out.results(lead.channel, roundTrips);
            if (sent >= 0) {
                resultCount += sent;
                return;
            }
            drop(lead);
        }
    }

    synchronized IdleCounts counts() {
        return new IdleCounts(terms.group(), pinged.size(), hellos, ended, warmupSent, measuredSent, warmupEchoes,
                measuredEchoes, resultCount, closedByServer);
    }
}
