package netoverhead.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run of the tool may leave behind if its cleanup is broken: namespaces ({@code nobench-<pid>-<n>}),
 * veth interfaces ({@code nb<pid>a<n>}), servers started from a directory {@code netoverhead-<kind>-<pid>-}
 * and that directory.
 * Each name carries the pid of the run that made it; a thing whose run has ended is a leftover. Runs that
 * still go on (other tests at the same time) are none of these.
 */
public final class Leftovers {
    private static final Pattern NAMESPACE = Pattern.compile("nobench-(\\d+)-\\d+");
    private static final Pattern VETH = Pattern.compile("nb(\\d+)[ab]\\d+");
    private static final Pattern SERVER_DIR = Pattern.compile("netoverhead-(?:lighttpd|nginx)-(\\d+)-");

    private Leftovers() {}

    /** Everything left by ended runs, one line each; empty when all is clean. */
    public static List<String> all() throws IOException, InterruptedException {
        List<String> found = new ArrayList<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            String name = line.split("\\s+")[0];
            if (ended(NAMESPACE.matcher(name))) found.add("namespace " + name);
        }
        for (String line : run("ip", "-o", "link", "show").split("\n")) {
            String[] parts = line.split(":\\s+", 3);
            if (parts.length < 2) continue;
            String name = parts[1].split("@")[0];
            if (ended(VETH.matcher(name))) found.add("interface " + name);
        }
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(cmd -> {
            Matcher m = SERVER_DIR.matcher(cmd);
            if (m.find() && !alive(Long.parseLong(m.group(1)))) found.add("process " + p.pid() + ": " + cmd);
        }));
        found.addAll(orphanedNginxWorkers());
        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            dirs.map(d -> d.getFileName().toString())
                    .filter(name -> {
                        Matcher m = SERVER_DIR.matcher(name);
                        return m.lookingAt() && !alive(Long.parseLong(m.group(1)));
                    })
                    .forEach(name -> found.add("directory " + name));
        }
        return found;
    }

    /**
     * nginx workers whose master has gone: what a killed master leaves. (Their command line is nginx's own
     * title, which names no directory, so they are recognised by their missing master.)
     */
    public static List<String> orphanedNginxWorkers() {
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(cmd -> {
            if (!cmd.startsWith("nginx: worker process")) return;
            boolean hasMaster = p.parent().flatMap(parent -> parent.info().commandLine())
                    .map(c -> c.startsWith("nginx: master process")).orElse(false);
            if (!hasMaster && p.isAlive()) found.add("process " + p.pid() + ": " + cmd + " (its master has gone)");
        }));
        return found;
    }

    /** Whether a namespace of this name exists now. */
    public static boolean namespaceExists(String name) throws IOException, InterruptedException {
        return run("ip", "netns", "list").lines().anyMatch(l -> l.split("\\s+")[0].equals(name));
    }

    /** Whether an interface of this name exists in this process's namespace now. */
    public static boolean interfaceExists(String name) throws IOException, InterruptedException {
        return run("ip", "-o", "link", "show").lines().anyMatch(l -> {
            String[] parts = l.split(":\\s+", 3);
            return parts.length > 1 && parts[1].split("@")[0].equals(name);
        });
    }

    private static boolean ended(Matcher m) {
        return m.matches() && !alive(Long.parseLong(m.group(1)));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ""; // no iproute2: then there are no namespaces or links of ours either
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        return out;
    }

    /**
     * The cgroups a run of the tool with this pid made for its clients (netoverhead-PID-CHILD, in every cgroup
     * hierarchy mounted under /sys/fs/cgroup) that are still there.
     */
    public static List<java.nio.file.Path> cgroupsOf(long toolPid) throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of("/sys/fs/cgroup");
        if (!java.nio.file.Files.isDirectory(root)) return List.of();
        String prefix = "netoverhead-" + toolPid + "-";
        try (var found = java.nio.file.Files.find(root, 5, (path, attributes) -> attributes.isDirectory()
                && path.getFileName() != null && path.getFileName().toString().startsWith(prefix))) {
            return found.toList();
        }
    }
}
