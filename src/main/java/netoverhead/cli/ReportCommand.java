package netoverhead.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import netoverhead.report.OutputFormat;
import netoverhead.report.ResultFiles;
import netoverhead.result.RunResult;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render saved runs again: several files (other machines, OSes, JDKs, servers) merge into one "
                + "table, each row named by its run's label or by what differs between the runs.",
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
        OutputFormat chosen = chosenFormat();
        if (output != null && Files.isDirectory(output)) throw new UsageException(output + " is a directory");
        List<RunResult> results = ResultInputs.readAll(files);
        String text = chosen.render(results);
        if (output == null) {
            System.out.print(text);
            System.out.flush();
        } else {
            ResultFiles.write(output, text, true);
            System.err.println("netoverhead: wrote " + output);
        }
        return ExitCodes.OK;
    }

    private OutputFormat chosenFormat() {
        if (format != null) {
            return OutputFormat.named(format).orElseThrow(() -> new UsageException(
                    "--format must be " + OutputFormat.names() + ", not '" + format + "'"));
        }
        return output == null ? OutputFormat.MARKDOWN : OutputFormat.forFile(output).orElse(OutputFormat.MARKDOWN);
    }
}
