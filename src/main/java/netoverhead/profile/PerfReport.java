package netoverhead.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Turns perf's data file into the text summary next to it. */
public final class PerfReport {
    private PerfReport() {}

    /**
     * Writes the summary of {@code data} into {@code text}. For a JVM child, perf names JIT-compiled Java
     * frames from the map the JVM wrote at exit ({@code /tmp/perf-<pid>.map}), which is removed afterwards.
     */
    public static void write(Perf perf, Perf.Use use, Path data, Path text, long childPid) throws IOException {
        List<String> command = switch (use) {
            case SAMPLE -> List.of(perf.binary(), "report", "-i", data.toString(), "--stdio", "--no-children",
                    "--sort", "comm,dso,sym", "--percent-limit", "0.5", "-g", "none");
            case SCHED -> List.of(perf.binary(), "sched", "latency", "-i", data.toString(), "--sort", "runtime");
        };
        Perf.Outcome o = perf.run(command, 600);
        Path map = Path.of("/tmp", "perf-" + childPid + ".map");
        try {
            if (o.status() != 0 || o.stdout().isBlank()) {
                throw new IOException("'perf " + String.join(" ", command.subList(1, command.size())) + "' failed: "
                        + o.lastLine());
            }
            String header = switch (use) {
                case SAMPLE -> "# perf record -g of the child process (pid " + childPid + "): where its CPU time went, "
                        + "kernel and Java frames alike.\n# Call graphs: perf report -i " + data.getFileName()
                        + " (Java frames are named only while /tmp/perf-<pid>.map exists; this summary was made "
                        + "with it)\n";
                case SCHED -> "# perf sched record of the child process (pid " + childPid + "): per task, time on CPU, "
                        + "context switches, and how long it waited to run after being woken.\n"
                        + "# More: perf sched timehist -i " + data.getFileName() + ", perf sched map -i "
                        + data.getFileName() + "\n";
            };
            Files.writeString(text, header + o.stdout());
        } finally {
            Files.deleteIfExists(map);
        }
    }
}
