package netoverhead.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.Configuration;

/**
 * The Flight Recorder settings of a recording: one of the JDK's own configurations ({@code default} or
 * {@code profile}) with some settings changed, written as a .jfc file that the child JVM is started with.
 * A generated file rather than command-line overrides, because thresholds such as "0 ms" hold spaces and
 * several events change at once.
 */
public final class JfrSettings {
    private final String base;
    private final Map<String, String> overrides;

    private JfrSettings(String base, Map<String, String> overrides) {
        this.base = base;
        this.overrides = overrides;
    }

    /**
     * For {@code profile}: the JDK's profile settings, with every socket read and write recorded (zero
     * threshold and no throttle, where the JDK records at most 300 a second of those over 1 ms) and methods
     * sampled every 2 ms so that a run of a second or two still gives hundreds of samples.
     */
    public static JfrSettings forProfile() {
        Map<String, String> o = new LinkedHashMap<>();
        for (String event : new String[] {"jdk.SocketRead", "jdk.SocketWrite"}) {
            o.put(event + "#enabled", "true");
            o.put(event + "#threshold", "0 ms");
            o.put(event + "#throttle", "off");
        }
        o.put("jdk.ExecutionSample#enabled", "true");
        o.put("jdk.ExecutionSample#period", "2 ms");
        o.put("jdk.NativeMethodSample#enabled", "true");
        o.put("jdk.NativeMethodSample#period", "2 ms");
        o.put("jdk.ThreadStart#enabled", "true");
        o.put("jdk.ThreadEnd#enabled", "true");
        o.put("jdk.GarbageCollection#enabled", "true");
        o.put("jdk.ObjectAllocationSample#enabled", "true");
        return new JfrSettings("profile", o);
    }

    /**
     * For {@code record-scheduling}: the JDK's default settings with every park, sleep and monitor wait
     * recorded (zero threshold), virtual thread events on, and thread CPU load and the context switch rate
     * sampled often enough for a short run.
     */
    public static JfrSettings forScheduling() {
        Map<String, String> o = new LinkedHashMap<>();
        for (String event : new String[] {"jdk.ThreadStart", "jdk.ThreadEnd", "jdk.VirtualThreadStart",
                "jdk.VirtualThreadEnd", "jdk.VirtualThreadSubmitFailed"}) {
            o.put(event + "#enabled", "true");
        }
        for (String event : new String[] {"jdk.ThreadPark", "jdk.ThreadSleep", "jdk.JavaMonitorWait",
                "jdk.JavaMonitorEnter", "jdk.VirtualThreadPinned"}) {
            o.put(event + "#enabled", "true");
            o.put(event + "#threshold", "0 ms");
            o.put(event + "#stackTrace", "true");
        }
        o.put("jdk.ThreadCPULoad#enabled", "true");
        o.put("jdk.ThreadCPULoad#period", "20 ms");
        o.put("jdk.ThreadContextSwitchRate#enabled", "true");
        o.put("jdk.ThreadContextSwitchRate#period", "100 ms");
        o.put("jdk.CPULoad#enabled", "true");
        o.put("jdk.CPULoad#period", "100 ms");
        o.put("jdk.CPUInformation#enabled", "true");
        return new JfrSettings("default", o);
    }

    /** Every setting, the base's with the overrides applied, keyed {@code event#setting}. */
    public Map<String, String> settings() {
        Map<String, String> all;
        try {
            all = new TreeMap<>(Configuration.getConfiguration(base).getSettings());
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("the JDK's '" + base + "' Flight Recorder settings cannot be read: "
                    + e.getMessage(), e);
        }
        all.putAll(overrides);
        return all;
    }

    /** Writes the settings as a .jfc file. */
    public Path write(Path file) throws IOException {
        Map<String, Map<String, String>> byEvent = new TreeMap<>();
        settings().forEach((key, value) -> {
            int hash = key.indexOf('#');
            if (hash > 0) byEvent.computeIfAbsent(key.substring(0, hash), k -> new TreeMap<>())
                    .put(key.substring(hash + 1), value);
        });
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<configuration version=\"2.0\" label=\"netoverhead\" description=\"The JDK's '")
                .append(base).append("' settings with netoverhead's changes\" provider=\"netoverhead\">\n");
        byEvent.forEach((event, values) -> {
            xml.append("  <event name=\"").append(escape(event)).append("\">\n");
            values.forEach((name, value) -> xml.append("    <setting name=\"").append(escape(name)).append("\">")
                    .append(escape(value)).append("</setting>\n"));
            xml.append("  </event>\n");
        });
        xml.append("</configuration>\n");
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
