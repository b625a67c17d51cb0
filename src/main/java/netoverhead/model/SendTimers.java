package netoverhead.model;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The open-loop send times of one {@link SelectorLoop}'s connections, earliest first; no allocation once the
 * queue has grown to the loop's connections. A connection is in it at most once. A connection's send time only
 * moves later, so an entry that a read or write has overtaken is early, never late: the loop wakes, finds
 * nothing due on that connection and schedules its next time again.
 */
final class SendTimers {
    private final PriorityQueue<LoopConnection> queue =
            new PriorityQueue<>(Comparator.comparingLong((LoopConnection c) -> c.timerAt));

    /** The earliest time waited for, or Long.MAX_VALUE when none is. */
    long earliest() {
        LoopConnection first = queue.peek();
        return first == null ? Long.MAX_VALUE : first.timerAt;
    }

    /**
     * Wakes the loop for {@code c} at {@code at}, unless {@code c} already waits: its send time only moves later,
     * so the time it waits for is at or before {@code at}.
     */
    void schedule(LoopConnection c, long at) {
        if (c.timed) return;
        c.timed = true;
        c.timerAt = at;
        queue.add(c);
    }

    /** The connection with the earliest time, removed, if that time is at or before {@code now}; else null. */
    LoopConnection takeDue(long now) {
        LoopConnection first = queue.peek();
        if (first == null || first.timerAt > now) return null;
        queue.poll();
        first.timed = false;
        return first;
    }
}
