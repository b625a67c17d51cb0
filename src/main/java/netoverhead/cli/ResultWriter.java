package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import netoverhead.report.CsvReport;
import netoverhead.report.HtmlReport;
import netoverhead.report.JsonReport;
import netoverhead.report.ResultFiles;
import netoverhead.report.SeedTable;
import netoverhead.result.RunResult;

/** Writes a run's JSON and CSV into the results directory under a fresh name, and any files asked for. */
final class ResultWriter {
    private final Path out;
    private final Path json;
    private final Path csv;
    private final Path markdown;
    private final Path html;
    private final boolean force;
    private final String stem;
    private boolean written;

    ResultWriter(Path out, Path json, Path csv, Path markdown, Path html, boolean force, String stem) {
        this.out = out;
        this.json = json;
        this.csv = csv;
        this.markdown = markdown;
        this.html = html;
        this.force = force;
        this.stem = stem;
    }

    /** Fails before the run when a result could not be written afterwards. */
    void checkTargets() {
        checkWritable(out);
        for (Path p : new Path[] {json, csv, markdown, html}) {
            if (p == null) continue;
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

    synchronized List<Path> write(RunResult result, boolean interrupted) throws IOException {
        if (written) return List.of();
        written = true;
        Path base = ResultFiles.uniqueStem(out, interrupted ? stem + "-incomplete" : stem);
        String jsonText = JsonReport.render(result);
        String csvText = CsvReport.render(List.of(result));
        List<Path> paths = new ArrayList<>();
        paths.add(write(Path.of(base + ".json"), jsonText, false));
        paths.add(write(Path.of(base + ".csv"), csvText, false));
        if (json != null) paths.add(write(json, jsonText, true));
        if (csv != null) paths.add(write(csv, csvText, true));
        if (markdown != null) paths.add(write(markdown, SeedTable.render(List.of(result)), true));
        if (html != null) paths.add(write(html, HtmlReport.render(List.of(result)), true));
        System.err.println("netoverhead: " + (interrupted ? "interrupted; what was measured so far is in " : "results: ")
                + String.join(", ", paths.stream().map(Path::toString).toList()));
        return paths;
    }

    /** For the shutdown hook: write what there is, say so, never throw. */
    void writeQuietly(RunResult result, boolean interrupted) {
        try {
            write(result, interrupted);
        } catch (IOException | RuntimeException e) {
            System.err.println("netoverhead: could not write results: " + e.getMessage());
        }
    }

    private Path write(Path target, String content, boolean explicit) throws IOException {
        ResultFiles.write(target, content, explicit && force || !explicit);
        return target;
    }
}
