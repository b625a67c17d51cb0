package netoverhead.profile;

import java.time.Duration;
import java.time.Instant;

/** The time from a recording's first event to its last, over which rates are computed. */
public record RecordingSpan(Instant first, Instant last) {
    public double seconds() {
        if (first == null || last == null) return 0;
        return Duration.between(first, last).toNanos() / 1e9;
    }
}
