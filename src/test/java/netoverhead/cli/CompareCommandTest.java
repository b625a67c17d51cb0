package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.harness.Aggregator;
import netoverhead.report.JsonReport;
import netoverhead.result.Environment;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;
import netoverhead.testing.Cli;

/** compare through the command line, on JSON files written from runs with chosen per-iteration figures. */
class CompareCommandTest {
    @TempDir
    Path dir;

    private static RunResult run(double... aggregateMibps) {
        List<IterationResult> iterations = new java.util.ArrayList<>();
        for (int i = 0; i < aggregateMibps.length; i++) {
            double runS = 100.0 / aggregateMibps[i];
            iterations.add(new IterationResult(i + 1, new IterationFigures(20.0, 10.0, runS, 1 / runS,
                    aggregateMibps[i], runS, 60.0, 70.0, 40.0, 0.5, 0.25, 100L << 20, 100L << 20, 0), null, Map.of(),
                    null, List.of(), List.of()));
        }
        ModelRun virtual = new ModelRun("virtual", "Virtual threads", 100, null, iterations,
                Aggregator.summary(iterations, 100));
        Environment env = new Environment("Linux", "6.1.0", "x86_64", "cpu", 2, 1L << 32, "25.0.3", "vendor",
                List.of(), "0.1.0", "host");
        RunSettings settings = new RunSettings(List.of("virtual"), List.of(100), aggregateMibps.length, 1 << 20,
                "127.0.0.1", 8000, "/testpayload", "embedded", "embedded", 65536, null, 0, 10, 10000, 30000, false,
                null, null, null, null, true, "normal", null);
        return new RunResult("netoverhead", env, settings, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", true,
                List.of(virtual));
    }

    @Test
    void comparesTwoSavedRuns() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path single = dir.resolve("single.json");
        Files.writeString(a, JsonReport.render(run(100, 102, 98, 101, 99)));
        Files.writeString(b, JsonReport.render(run(110, 112, 108, 111, 109)));
        Files.writeString(single, JsonReport.render(run(105)));

        Cli.Result result = Cli.run(120, "compare", a.toString(), b.toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains(
                "virtual: aggregate throughput +10.0% [+7.6%, +12.5%], significant (p<0.001); 100 -> 110 MiB/s (5 vs 5 iterations)",
                "virtual: socket creation time +0.0%, no difference (the same value in every iteration)");

        Cli.Result few = Cli.run(120, "compare", a.toString(), single.toString());
        assertThat(few.exitCode()).as(few.stderr()).isZero();
        assertThat(few.stdout()).contains("virtual: aggregate throughput +5.0%, too few iterations for a verdict (5 and 1");
        assertThat(few.stdout()).doesNotContain("significant");

        Cli.Result mw = Cli.run(120, "compare", "--test", "mann-whitney", a.toString(), b.toString());
        assertThat(mw.stdout()).contains("Mann-Whitney", "aggregate throughput +10.0% [+7.6%, +12.5%], significant (p=0.009)");

        Cli.Result bad = Cli.run(60, "compare", a.toString(), dir.resolve("missing.json").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().strip()).contains("missing.json").doesNotContain("\n");
    }
}
