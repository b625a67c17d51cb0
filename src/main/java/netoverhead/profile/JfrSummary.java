package netoverhead.profile;

import jdk.jfr.consumer.RecordedEvent;

/** One section of a recording's text summary: sees every event once, then renders what it counted. */
public interface JfrSummary {
    void accept(RecordedEvent event);

    /** The section's text, a title line first; {@code span} is the recording's first to last event. */
    String render(RecordingSpan span);
}
