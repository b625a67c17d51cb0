package netoverhead.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import netoverhead.model.ClientPlan;
import netoverhead.model.JvmModel;
import netoverhead.model.Model;
import netoverhead.model.NativeModel;

/** The command line of the child that runs one iteration of a model. */
public final class ChildCommand {
    private ChildCommand() {}

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

    public static List<String> forModel(Model model, ClientPlan plan, List<String> extraJvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        switch (model) {
            case JvmModel jvm -> {
                cmd.add(javaBinary());
                cmd.addAll(baseJvmOptions());
                cmd.addAll(extraJvmOptions);
                cmd.addAll(jvm.jvmOptions(plan));
                cmd.add("-cp");
                cmd.add(classPath());
                cmd.add(ChildMain.class.getName());
                cmd.add(model.name());
            }
            case NativeModel nat -> cmd.addAll(nat.command(plan));
        }
        cmd.addAll(plan.toArgs());
        return cmd;
    }
}
