package netoverhead.profile;

import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * The threads the child started (jdk.ThreadStart), grouped by name with the numbers taken out, so that a
 * thread per connection shows as one line with its count.
 */
public final class ThreadsStarted implements JfrSummary {
    private final Map<String, Integer> platform = new TreeMap<>();
    private final Map<String, Integer> virtual = new TreeMap<>();

    @Override
    public void accept(RecordedEvent e) {
        if (!e.getEventType().getName().equals("jdk.ThreadStart")) return;
        RecordedThread t = e.getThread("thread");
        if (t == null) return;
        String group = Frames.thread(t).replaceAll("\\d+", "#");
        (t.isVirtual() ? virtual : platform).merge(group, 1, Integer::sum);
    }

    @Override
    public String render(RecordingSpan span) {
        int p = platform.values().stream().mapToInt(Integer::intValue).sum();
        int v = virtual.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder out = new StringBuilder(String.format(
                "Threads started (jdk.ThreadStart): %d platform, %d virtual (JVM threads that exist before the "
                        + "recording starts are not counted)%n", p, v));
        platform.forEach((name, n) -> out.append(String.format("  %5d  %s%n", n, name)));
        virtual.forEach((name, n) -> out.append(String.format("  %5d  %s%n", n, name)));
        return out.toString();
    }
}
