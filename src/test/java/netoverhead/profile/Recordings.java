package netoverhead.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reads recordings back with jdk.jfr.consumer, for assertions. */
final class Recordings {
    private Recordings() {}

    /** The value of one setting as the recording says it was active, e.g. ("jdk.ThreadPark", "threshold"). */
    static Map<String, String> activeSettings(Path jfr) throws IOException {
        Map<String, String> settings = new HashMap<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            var typesById = new HashMap<Long, String>();
            file.readEventTypes().forEach(t -> typesById.put(t.getId(), t.getName()));
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ActiveSetting")) continue;
                String type = typesById.getOrDefault(e.getLong("id"), "?");
                settings.put(type + "#" + e.getString("name"), e.getString("value"));
            }
        }
        return settings;
    }

    static long sum(Path jfr, String eventType, String field) throws IOException {
        long total = 0;
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().equals(eventType)) total += e.getLong(field);
            }
        }
        return total;
    }
}
