package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import netoverhead.report.JsonReport;
import netoverhead.result.RunResult;

/** Reads saved runs for report and compare, turning any unreadable file into one clear usage line. */
final class ResultInputs {
    private ResultInputs() {}

    /** The one run in a file, for compare. */
    static RunResult read(Path file) {
        List<RunResult> runs = runs(file);
        if (runs.size() != 1) {
            throw new UsageException(file + " holds " + runs.size() + " runs; compare takes files of one run each");
        }
        return runs.getFirst();
    }

    /** Every run in the files, in order: a file may hold one run or, as a merged JSON report, several. */
    static List<RunResult> readAll(List<Path> files) {
        List<RunResult> results = new ArrayList<>();
        for (Path f : files) results.addAll(runs(f));
        return results;
    }

    private static List<RunResult> runs(Path file) {
        if (!Files.exists(file)) throw new UsageException(file + ": no such file");
        if (!Files.isRegularFile(file)) throw new UsageException(file + " is not a file");
        try {
            List<RunResult> runs = JsonReport.readAll(file);
            for (RunResult r : runs) {
                if (r == null || r.environment() == null || r.settings() == null || r.runs() == null) {
                    throw new UsageException(file + " is not a netoverhead result (no environment, settings or runs)");
                }
            }
            if (runs.isEmpty()) throw new UsageException(file + " holds no runs");
            return runs;
        } catch (IOException e) {
            throw new UsageException(e.getMessage() == null ? "cannot read " + file : e.getMessage());
        }
    }
}
