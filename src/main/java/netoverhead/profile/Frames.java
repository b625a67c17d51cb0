package netoverhead.profile;

import java.util.List;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/** Names of methods and threads as the summaries print them. */
final class Frames {
    /** Where the tool's own code lives: the frames that say which model was running. */
    static final String OWN_PACKAGE = "netoverhead.";

    private Frames() {}

    static String name(RecordedMethod m) {
        return m.getType().getName() + "." + m.getName();
    }

    static List<RecordedFrame> of(RecordedStackTrace trace) {
        return trace == null ? List.of() : trace.getFrames();
    }

    /** The first frame of the tool's own code from the top of the stack, or null. */
    static String nearestOwn(RecordedStackTrace trace) {
        for (RecordedFrame f : of(trace)) {
            if (f.getMethod() != null && f.getMethod().getType().getName().startsWith(OWN_PACKAGE)) {
                return name(f.getMethod());
            }
        }
        return null;
    }

    /** The first frame that is not the JDK's, or the top frame: where a thread parked or slept, for people. */
    static String site(RecordedStackTrace trace) {
        String top = null;
        for (RecordedFrame f : of(trace)) {
            if (f.getMethod() == null) continue;
            String type = f.getMethod().getType().getName();
            if (top == null) top = name(f.getMethod());
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return name(f.getMethod());
            }
        }
        return top == null ? "(no stack)" : top;
    }

    static String thread(RecordedThread t) {
        if (t == null) return "(no thread)";
        String name = t.getJavaName() != null ? t.getJavaName() : t.getOSName();
        if (name == null || name.isEmpty()) name = "#" + t.getJavaThreadId();
        return t.isVirtual() ? name + " (virtual)" : name;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max + 3);
    }
}
