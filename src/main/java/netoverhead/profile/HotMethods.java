package netoverhead.profile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;

/**
 * Where the CPU went: the hottest methods by execution samples (the method on top of the stack of a thread
 * running Java code), each with the nearest method of the tool's own code below it, so that a JDK method
 * says which model called it; then where threads sat in native code (blocked in read or poll), and the
 * tool's own methods by how often they were anywhere on a sampled stack.
 */
public final class HotMethods implements JfrSummary {
    static final int TOP = 20;

    private final Map<String, Integer> executionTop = new HashMap<>();
    private final Map<String, Map<String, Integer>> callers = new HashMap<>();
    private final Map<String, Integer> nativeTop = new HashMap<>();
    private final Map<String, Integer> ownOnStack = new HashMap<>();
    private int executionSamples;
    private int nativeSamples;

    @Override
    public void accept(RecordedEvent e) {
        String type = e.getEventType().getName();
        boolean execution = type.equals("jdk.ExecutionSample");
        if (!execution && !type.equals("jdk.NativeMethodSample")) return;
        List<RecordedFrame> frames = Frames.of(e.getStackTrace());
        if (frames.isEmpty() || frames.getFirst().getMethod() == null) return;
        String top = Frames.name(frames.getFirst().getMethod());
        if (execution) {
            executionSamples++;
            executionTop.merge(top, 1, Integer::sum);
            String own = Frames.nearestOwn(e.getStackTrace());
            if (own != null && !own.equals(top)) callers.computeIfAbsent(top, k -> new HashMap<>()).merge(own, 1, Integer::sum);
        } else {
            nativeSamples++;
            nativeTop.merge(top, 1, Integer::sum);
        }
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
            if (f.getMethod() == null) continue;
            String name = Frames.name(f.getMethod());
            if (name.startsWith(Frames.OWN_PACKAGE) && seen.add(name)) ownOnStack.merge(name, 1, Integer::sum);
        }
    }

    @Override
    public String render(RecordingSpan span) {
        StringBuilder out = new StringBuilder();
        out.append("Hottest methods (jdk.ExecutionSample: ").append(executionSamples)
                .append(" samples of threads running Java code)\n");
        if (executionSamples == 0) out.append("  no execution samples\n");
        int rank = 0;
        boolean recorderSeen = false;
        for (Map.Entry<String, Integer> m : sorted(executionTop).entrySet()) {
            if (++rank > TOP) break;
            recorderSeen |= m.getKey().startsWith("jdk.jfr.") || m.getKey().startsWith("jdk.internal.event.");
            String via = mostCommon(callers.get(m.getKey()));
            out.append(String.format("  %2d %6.1f%% %6d  %s%s%n", rank, 100.0 * m.getValue() / executionSamples,
                    m.getValue(), m.getKey(), via == null ? "" : "  <- " + via));
        }
        if (recorderSeen) {
            out.append("  (jdk.jfr.* and jdk.internal.event.* are the recorder's own work, mostly writing an event "
                    + "for every socket call)\n");
        }
        out.append("\nNative code (jdk.NativeMethodSample: ").append(nativeSamples)
                .append(" samples of threads in native code: blocked in read, poll, accept, sleep)\n");
        if (nativeSamples == 0) out.append("  no native samples\n");
        rank = 0;
        for (Map.Entry<String, Integer> m : sorted(nativeTop).entrySet()) {
            if (++rank > 10) break;
            out.append(String.format("  %2d %6.1f%% %6d  %s%n", rank, 100.0 * m.getValue() / nativeSamples,
                    m.getValue(), m.getKey()));
        }
        int all = executionSamples + nativeSamples;
        out.append("\nThe tool's own methods anywhere on a sampled stack (execution and native samples: ")
                .append(all).append(")\n");
        if (ownOnStack.isEmpty()) out.append("  none sampled\n");
        rank = 0;
        for (Map.Entry<String, Integer> m : sorted(ownOnStack).entrySet()) {
            if (++rank > 10) break;
            out.append(String.format("  %2d %6.1f%% %6d  %s%n", rank, 100.0 * m.getValue() / all, m.getValue(),
                    m.getKey()));
        }
        return out.toString();
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static String mostCommon(Map<String, Integer> counts) {
        if (counts == null || counts.isEmpty()) return null;
        return sorted(counts).keySet().iterator().next();
    }
}
