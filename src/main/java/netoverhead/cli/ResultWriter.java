package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import netoverhead.report.OutputFormat;
import netoverhead.report.ResultFiles;
import netoverhead.result.RunResult;

/**
 * Writes a run's own files (JSON and CSV) into the results directory under a fresh name, and any files asked
 * for. A finished run is never lost: a file that cannot be written where it was asked for (a full disk, a
 * directory gone or turned into a file) is written into a fresh directory under the temporary directory
 * instead, and both places are named on stderr.
 */
final class ResultWriter {
    /** The formats every run writes into its results directory. */
    private static final List<OutputFormat> RUN_FILES = List.of(OutputFormat.JSON, OutputFormat.CSV);

    private final Path out;
    private final Map<Path, OutputFormat> asked = new LinkedHashMap<>();
    private final boolean force;
    private final String stem;
    private boolean written;

    /** @param files the files asked for, by format, besides the run's own */
    ResultWriter(Path out, Map<OutputFormat, Path> files, boolean force, String stem) {
        this.out = out;
        this.force = force;
        this.stem = stem;
        files.forEach((format, file) -> asked.put(file, format));
    }

    /** Fails before the run when a result could not be written afterwards. */
    void checkTargets() {
        checkWritable(out);
        for (Path p : asked.keySet()) {
            if (Files.isDirectory(p)) throw new UsageException(p + " is a directory");
            if (Files.exists(p) && !force) throw new UsageException(p + " exists (use --force to overwrite it)");
            checkWritable(p.toAbsolutePath().getParent());
        }
    }

    /** A directory the results cannot go into is a bad command line (exit 2), found before anything runs. */
    private static void checkWritable(Path dir) {
        try {
            ResultFiles.checkWritable(dir);
        } catch (IOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Writes every file, and what could not be written where asked into the temporary directory; throws only
     * when the results could be written nowhere.
     */
    synchronized List<Path> write(RunResult result, boolean interrupted) throws IOException {
        if (written) return List.of();
        written = true;
        Map<OutputFormat, String> texts = new EnumMap<>(OutputFormat.class);
        Map<Path, OutputFormat> targets = new LinkedHashMap<>();
        String name = interrupted ? stem + "-incomplete" : stem;
        Path base = ResultFiles.uniqueStem(out, name);
        for (OutputFormat f : RUN_FILES) targets.put(Path.of(base + f.extension()), f);
        targets.putAll(asked);

        List<Path> paths = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, OutputFormat> lost = new LinkedHashMap<>();
        for (Map.Entry<Path, OutputFormat> t : targets.entrySet()) {
            String text;
            try {
                text = texts.computeIfAbsent(t.getValue(), f -> f.render(List.of(result)));
            } catch (RuntimeException e) {
                // a format that cannot render this run costs that file only, never the others
                failures.add(t.getKey() + ": the " + t.getValue().formatName() + " format failed: " + e.getMessage());
                continue;
            }
            try {
                // the run's own files have fresh names; files asked for are overwritten only with --force
                ResultFiles.write(t.getKey(), text, force || !asked.containsKey(t.getKey()));
                paths.add(t.getKey());
            } catch (IOException e) {
                failures.add(t.getKey() + ": " + reason(e));
                boolean runFile = RUN_FILES.contains(t.getValue());
                lost.putIfAbsent(runFile ? name + t.getValue().extension() : t.getKey().getFileName().toString(),
                        t.getValue());
            }
        }
        if (!paths.isEmpty()) {
            System.err.println("netoverhead: " + (interrupted ? "interrupted; what was measured so far is in " : "results: ")
                    + String.join(", ", paths.stream().map(Path::toString).toList()));
        }
        if (failures.isEmpty()) return paths;
        for (String failure : failures) System.err.println("netoverhead: could not write " + failure);
        if (lost.isEmpty()) return paths;
        // the JSON is the source of truth: it goes to the fallback whether or not its own write failed
        lost.putIfAbsent(name + OutputFormat.JSON.extension(), OutputFormat.JSON);
        Path fallback = fallback(lost, texts, result);
        List<Path> saved = new ArrayList<>(paths);
        for (String file : lost.keySet()) saved.add(fallback.resolve(file));
        System.err.println("netoverhead: the results are in " + fallback + " instead: "
                + String.join(", ", lost.keySet()));
        return saved;
    }

    /** A fresh directory under the temporary directory holding the files that were lost, or an exception. */
    private static Path fallback(Map<String, OutputFormat> lost, Map<OutputFormat, String> texts, RunResult result)
            throws IOException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("netoverhead-results-");
            for (Map.Entry<String, OutputFormat> file : lost.entrySet()) {
                String text = texts.computeIfAbsent(file.getValue(), f -> f.render(List.of(result)));
                ResultFiles.write(dir.resolve(file.getKey()), text, false);
            }
            return dir;
        } catch (IOException e) {
            throw new IOException("the results could be written neither where asked nor into "
                    + (dir != null ? dir : System.getProperty("java.io.tmpdir")) + ": " + reason(e), e);
        }
    }

    /** For the shutdown hook: write what there is, say so, never throw. */
    void writeQuietly(RunResult result, boolean interrupted) {
        try {
            write(result, interrupted);
        } catch (IOException | RuntimeException e) {
            System.err.println("netoverhead: could not write results: " + e.getMessage());
        }
    }

    /** The reason alone ("No space left on device", "permission denied"): the message would repeat the path. */
    private static String reason(IOException e) {
        return ResultFiles.reason(e);
    }
}
