package netoverhead.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import netoverhead.child.ChildMain;
import netoverhead.model.ClientPlan;
import netoverhead.model.JvmModel;
import netoverhead.model.Model;
import netoverhead.model.NativeModel;
import netoverhead.process.JavaCommand;

/** The command line of the child that runs one iteration of a model. */
public final class ChildCommand {
    private ChildCommand() {}

    public static List<String> forModel(Model model, ClientPlan plan, List<String> extraJvmOptions) throws IOException {
        List<String> cmd = new ArrayList<>();
        switch (model) {
            case JvmModel jvm -> {
                cmd.add(JavaCommand.javaBinary());
                cmd.addAll(JavaCommand.baseJvmOptions());
                cmd.addAll(extraJvmOptions);
                cmd.addAll(jvm.jvmOptions(plan));
                cmd.add("-cp");
                cmd.add(JavaCommand.classPath());
                cmd.add(ChildMain.class.getName());
                cmd.add(model.name());
            }
            case NativeModel nat -> cmd.addAll(nat.command(plan));
        }
        cmd.addAll(plan.toArgs());
        return cmd;
    }
}
