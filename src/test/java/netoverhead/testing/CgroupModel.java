package netoverhead.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import netoverhead.harness.ChildCommand;
import netoverhead.model.ClientPlan;
import netoverhead.model.JvmModel;
import netoverhead.model.NativeModel;

/**
 * A JVM model whose child process runs inside a cgroup (v1) that the test creates with a limit, such as
 * pids.max (how many threads it may have) or memory.limit_in_bytes: the child's own command, entered into
 * the cgroup by a shell that then execs it, so that the harness watches the very process that is limited.
 */
public final class CgroupModel implements NativeModel, AutoCloseable {
    private final JvmModel model;
    private final Path cgroup;

    /**
     * @param controller "pids" or "memory"
     * @param limits     file name and value pairs, such as "pids.max", "100"
     */
    public CgroupModel(JvmModel model, String controller, String... limits) throws IOException {
        this.model = model;
        Path root = Path.of("/sys/fs/cgroup", controller);
        Path own = root.resolve(ownGroup(controller));
        this.cgroup = own.resolve("netoverhead-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectory(cgroup);
        for (int i = 0; i + 1 < limits.length; i += 2) Files.writeString(cgroup.resolve(limits[i]), limits[i + 1]);
    }

    /** Why a cgroup of this controller cannot be made here, or null when it can. */
    public static String unavailable(String controller) {
        Path dir = Path.of("/sys/fs/cgroup", controller);
        if (!Files.isDirectory(dir)) return "no cgroup v1 " + controller + " controller at " + dir;
        try {
            Path probe = dir.resolve(ownGroup(controller)).resolve("netoverhead-probe-" + System.nanoTime());
            Files.createDirectory(probe);
            Files.delete(probe);
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot create a " + controller + " cgroup: " + e;
        }
    }

    private static String ownGroup(String controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) return f[2].replaceFirst("^/", "");
        }
        return "";
    }

    public Path cgroup() {
        return cgroup;
    }

    @Override public String name() { return model.name(); }

    @Override public String label() { return model.label(); }

    @Override public String description() { return model.description() + " (in a limited cgroup)"; }

    @Override
    public List<String> command(ClientPlan plan) throws IOException {
        List<String> child = ChildCommand.forModel(model, plan, List.of());
        List<String> cmd = new ArrayList<>(List.of("sh", "-c",
                "echo $$ > '" + cgroup.resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
        cmd.addAll(child.subList(0, child.size() - plan.toArgs().size())); // the harness appends the plan
        return cmd;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (int i = 0; i < 100 && Files.exists(cgroup); i++) {
            try {
                Files.delete(cgroup); // possible once its last process has gone
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
    }
}
