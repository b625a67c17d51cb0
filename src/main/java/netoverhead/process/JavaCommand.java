package netoverhead.process;

import java.nio.file.Path;
import java.util.List;

/** What every Java process the tool starts shares: the running JDK's launcher, the class path, base options. */
public final class JavaCommand {
    private JavaCommand() {}

    /** The java launcher of the running JVM: children run on the same JDK as the parent. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static String classPath() {
        return System.getProperty("java.class.path");
    }

    /**
     * JVM options every child JVM gets, recorded in the results' environment. The JVM's own warnings (a
     * thread it could not start, say) go to stderr: by default they go to stdout, where they would break
     * the line protocol and fail the iteration instead of being reported with it.
     */
    public static List<String> baseJvmOptions() {
        return List.of("-Xshare:auto", "-XX:+UseG1GC", "-XX:-UsePerfData", "-Xlog:disable", "-Xlog:all=warning:stderr");
    }
}
