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

    static RunResult read(Path file) {
        if (!Files.exists(file)) throw new UsageException(file + ": no such file");
        if (!Files.isRegularFile(file)) throw new UsageException(file + " is not a file");
        try {
            RunResult result = JsonReport.read(file);
            if (result == null || result.environment() == null || result.settings() == null || result.runs() == null) {
                throw new UsageException(file + " is not a netoverhead result (no environment, settings or runs)");
            }
            return result;
        } catch (IOException e) {
            throw new UsageException(e.getMessage() == null ? "cannot read " + file : e.getMessage());
        }
    }

    static List<RunResult> readAll(List<Path> files) {
        List<RunResult> results = new ArrayList<>();
        for (Path f : files) results.add(read(f));
        return results;
    }
}
