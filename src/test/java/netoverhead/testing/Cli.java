package netoverhead.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real command line in a child JVM, as a user would, and captures what it printed. Every call is
 * bounded in time: a command that hangs fails the test instead of the build.
 */
public final class Cli {
    /** What a finished command left behind. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private Cli() {}

    public static Result run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(Map.of(), timeoutSeconds, args);
    }

    public static Result run(Map<String, String> env, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED"); // as the jar's manifest allows the launcher
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("netoverhead.Main");
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("NO_CONNECTIONS");
            pb.environment().remove("TEST_PAYLOAD");
            pb.environment().remove("ITERATIONS");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("netoverhead " + String.join(" ", args) + " did not finish within "
                        + timeoutSeconds + " s; stderr: " + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
