package netoverhead.model.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The struct pollfd array of {@link FfmPollLoop}, one slot per job: a slot holds the job's socket of the moment
 * (churn puts each new one in the same slot) or -1, which ppoll(2) skips.
 */
final class PollSet {
    private static final long EVENTS = 4;
    private static final long REVENTS = 6;

    private final MemorySegment pollfds;
    private final int size;

    PollSet(Arena arena, int size) {
        this.size = size;
        this.pollfds = arena.allocate(Libc.POLLFD_SIZE * Math.max(1, size), 4);
    }

    /** Puts {@code fd} (or -1 for none) in slot {@code i}, waiting for {@code events}. */
    void watch(int i, int fd, short events) {
        long at = i * Libc.POLLFD_SIZE;
        pollfds.set(ValueLayout.JAVA_INT, at, fd);
        pollfds.set(ValueLayout.JAVA_SHORT, at + EVENTS, events);
        pollfds.set(ValueLayout.JAVA_SHORT, at + REVENTS, (short) 0);
    }

    /** The events slot {@code i} waits for from now on. */
    void events(int i, short events) {
        pollfds.set(ValueLayout.JAVA_SHORT, i * Libc.POLLFD_SIZE + EVENTS, events);
    }

    /** What the last ppoll(2) reported for slot {@code i}. */
    short revents(int i) {
        return pollfds.get(ValueLayout.JAVA_SHORT, i * Libc.POLLFD_SIZE + REVENTS);
    }

    /** ppoll(2) over every slot: the number of slots with events, or -1 with errno in {@code callState}. */
    int ppoll(MemorySegment callState, MemorySegment timeout) {
        return Libc.ppoll(callState, pollfds, size, timeout);
    }
}
