package netoverhead.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import netoverhead.report.Comparison;
import netoverhead.result.RunResult;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two saved runs: for each model, connection count and figure, B's change against A "
                + "in percent with a 95%% confidence interval, and whether the difference is significant "
                + "(p < 0.05) over the iterations.",
                "A verdict needs at least " + Comparison.MIN_ITERATIONS + " iterations of the model in each run."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A.json", description = "The run to compare against.")
    Path a;

    @Parameters(index = "1", paramLabel = "B.json", description = "The run compared.")
    Path b;

    @Option(names = "--test", paramLabel = "TEST", defaultValue = "welch",
            description = "welch (Welch's t-test, default) or mann-whitney (Mann-Whitney U, normal approximation).")
    String test;

    @Override
    public Integer call() {
        Comparison.Test chosen = switch (test.toLowerCase(Locale.ROOT)) {
            case "welch", "t", "t-test" -> Comparison.Test.WELCH;
            case "mann-whitney", "mannwhitney", "u" -> Comparison.Test.MANN_WHITNEY;
            default -> throw new UsageException("--test must be welch or mann-whitney, not '" + test + "'");
        };
        RunResult ra = ResultInputs.read(a);
        RunResult rb = ResultInputs.read(b);
        System.out.print(Comparison.render(a.toString(), ra, b.toString(), rb, chosen));
        System.out.flush();
        return ExitCodes.OK;
    }
}
