package netoverhead.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reads a recording once, feeds every event to each summary, and puts their sections together. */
public final class JfrSummaries {
    private JfrSummaries() {}

    /** The text summary of a recording; {@code title} is its first line. */
    public static String summarise(Path recording, String title, List<JfrSummary> sections) throws IOException {
        Instant first = null;
        Instant last = null;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (first == null || e.getStartTime().isBefore(first)) first = e.getStartTime();
                if (last == null || e.getEndTime().isAfter(last)) last = e.getEndTime();
                for (JfrSummary s : sections) s.accept(e);
            }
        }
        RecordingSpan span = new RecordingSpan(first, last);
        StringBuilder out = new StringBuilder(title).append('\n');
        out.append(String.format("recording: %s, %.2f s from first to last event (the whole child process: "
                + "JVM start, the run, the report of its records)%n", recording.getFileName(), span.seconds()));
        for (JfrSummary s : sections) out.append('\n').append(s.render(span));
        return out.toString();
    }

    /** How many events of each type a recording holds, for checks and for the curious. */
    public static Map<String, Integer> eventCounts(Path recording) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) counts.merge(file.readEvent().getEventType().getName(), 1, Integer::sum);
        }
        return counts;
    }
}
