package netoverhead.model.ffm;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The open loop's send times of {@link FfmPollLoop}'s connections, earliest first; a connection is in it at most
 * once, with its time in {@link PollConnection#timerAt}.
 */
final class PollTimers {
    private final PriorityQueue<PollConnection> queue;

    PollTimers(int connections) {
        queue = new PriorityQueue<>(Math.max(1, connections), Comparator.comparingLong(c -> c.timerAt));
    }

    /** The earliest time waited for, or {@link PollConnection#UNSCHEDULED} when none is. */
    long earliest() {
        PollConnection first = queue.peek();
        return first == null ? PollConnection.UNSCHEDULED : first.timerAt;
    }

    /** Wakes the loop for the connection at {@code due}, unless it is woken earlier already. */
    void schedule(PollConnection c, long due) {
        if (c.timerAt != PollConnection.UNSCHEDULED) {
            if (c.timerAt <= due) return; // that wake-up asks again and schedules this one
            queue.remove(c);
        }
        c.timerAt = due;
        queue.add(c);
    }

    /** Takes the connection out, if it is in. */
    void cancel(PollConnection c) {
        if (c.timerAt == PollConnection.UNSCHEDULED) return;
        queue.remove(c);
        c.timerAt = PollConnection.UNSCHEDULED;
    }

    /** The connection with the earliest time, taken out, if that time is at or before {@code now}; else null. */
    PollConnection takeDue(long now) {
        PollConnection first = queue.peek();
        if (first == null || first.timerAt > now) return null;
        queue.poll();
        first.timerAt = PollConnection.UNSCHEDULED;
        return first;
    }
}
