package netoverhead.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the programs the tool runs (lighttpd, nginx, ip, tc) and runs short commands with a time bound.
 * The sbin directories are searched too, because a user's PATH often lacks them although the servers
 * and iproute2 live there.
 */
public final class Binaries {
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    /** What a finished command said. */
    public record Output(int exitCode, String stdout, String stderr) {
        /** The first non-empty line of stderr, else of stdout: what went wrong, in one line. */
        public String firstLine() {
            for (String text : List.of(stderr, stdout)) {
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) return line.strip();
                }
            }
            return "exit status " + exitCode;
        }
    }

    private Binaries() {}

    /**
     * The absolute path of {@code program}, or an IOException that says which Debian package provides it.
     */
    public static Path require(String program, String debianPackage) throws IOException {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(File.pathSeparator)));
        dirs.addAll(SBIN);
        for (String dir : dirs) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
        }
        throw new IOException(program + " is not installed: install the Debian package '" + debianPackage
                + "' (apt-get install " + debianPackage + ")");
    }

    /** Runs a short command to its end, at most {@code timeoutSeconds}; output is captured, never inherited. */
    public static Output run(List<String> command, long timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("netoverhead-cmd-", ".out");
        Path err = Files.createTempFile("netoverhead-cmd-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean finished;
            try {
                finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command));
            }
            if (!finished) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not finish within " + timeoutSeconds + " s");
            }
            return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a command that must succeed; a failure is an IOException naming the command and what it said. */
    public static String check(List<String> command, long timeoutSeconds) throws IOException {
        Output output = run(command, timeoutSeconds);
        if (output.exitCode() != 0) {
            List<String> shown = new ArrayList<>(command);
            shown.set(0, Path.of(shown.get(0)).getFileName().toString());
            throw new IOException("'" + String.join(" ", shown) + "' failed: " + output.firstLine());
        }
        return output.stdout();
    }
}
