package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import netoverhead.report.CsvReport;
import netoverhead.report.HtmlReport;
import netoverhead.report.JsonReport;
import netoverhead.report.ResultFiles;
import netoverhead.report.SeedTable;
import netoverhead.result.RunResult;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render saved runs again: several files (other machines, OSes, JDKs) merge into one table, "
                + "each row labelled with its environment.",
                "Formats: markdown (the run's tables), csv, json, html (a self-contained page with charts)."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULTS.json", description = "JSON files written by 'run'.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "markdown, csv, json or html (default: from the -o file's extension, else markdown).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        String chosen = format != null ? format.toLowerCase(Locale.ROOT) : fromExtension(output);
        if (!List.of("markdown", "csv", "json", "html").contains(chosen)) {
            throw new UsageException("--format must be markdown, csv, json or html, not '" + format + "'");
        }
        if (output != null && Files.isDirectory(output)) throw new UsageException(output + " is a directory");
        List<RunResult> results = ResultInputs.readAll(files);
        String text = switch (chosen) {
            case "csv" -> CsvReport.render(results);
            case "json" -> JsonReport.render(results);
            case "html" -> HtmlReport.render(results);
            default -> SeedTable.render(results);
        };
        if (output == null) {
            System.out.print(text);
            System.out.flush();
        } else {
            ResultFiles.write(output, text, true);
            System.err.println("netoverhead: wrote " + output);
        }
        return ExitCodes.OK;
    }

    private static String fromExtension(Path output) {
        if (output == null) return "markdown";
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) return "html";
        if (name.endsWith(".csv")) return "csv";
        if (name.endsWith(".json")) return "json";
        return "markdown";
    }
}
