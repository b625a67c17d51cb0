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
        List<List<String>> commands = switch (use) {
            // by symbol over all threads first (a thread per connection would split it), then by thread
            case SAMPLE -> List.of(
                    List.of(perf.binary(), "report", "-i", data.toString(), "--stdio", "--no-children",
                            "--sort", "dso,sym", "--percent-limit", "0.5", "-g", "none"),
                    List.of(perf.binary(), "report", "-i", data.toString(), "--stdio", "--no-children",
                            "--sort", "comm", "--percent-limit", "0.5", "-g", "none"));
            // latency needs the wakeups that other processes (the server, the network) cause, which a recording
            // of the child alone partly lacks, so some of its threads may be missing there; timehist's summary
            // lists every thread that was switched out at least once
            case SCHED -> List.of(
                    List.of(perf.binary(), "sched", "latency", "-i", data.toString(), "--sort", "runtime"),
                    List.of(perf.binary(), "sched", "timehist", "-i", data.toString(), "--summary"));
        };
        Path map = Path.of("/tmp", "perf-" + childPid + ".map");
        try {
            StringBuilder body = new StringBuilder();
            for (List<String> command : commands) {
                Perf.Outcome o = perf.run(command, 600);
                if (o.status() != 0 || o.stdout().isBlank()) {
                    throw new IOException("'perf " + String.join(" ", command.subList(1, command.size()))
                            + "' failed: " + o.lastLine());
                }
                body.append("\n# perf ").append(String.join(" ", command.subList(1, command.size()))
                        .replace(data.toString(), data.getFileName().toString())).append('\n').append(o.stdout());
            }
            String header = switch (use) {
                case SAMPLE -> "# perf record -g of the child process (pid " + childPid + "): where its CPU time went, "
                        + "kernel and Java frames alike.\n# Call graphs: perf report -i " + data.getFileName()
                        + " (Java frames are named only while /tmp/perf-<pid>.map exists; this summary was made "
                        + "with it)\n";
                case SCHED -> "# perf sched record of the child process (pid " + childPid + "): per task, time on CPU, "
                        + "context switches, and how long it waited to run after being woken (latency: only tasks "
                        + "whose wakeups were recorded), then every task's time on CPU and times switched in "
                        + "(timehist summary).\n"
                        + "# More: perf sched timehist -i " + data.getFileName() + ", perf sched map -i "
                        + data.getFileName() + "\n";
            };
            Files.writeString(text, header + body);
        } finally {
            Files.deleteIfExists(map);
        }
    }
}
