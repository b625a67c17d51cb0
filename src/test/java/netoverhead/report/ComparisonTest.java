package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import netoverhead.result.Figure;
import netoverhead.result.RunResult;

class ComparisonTest {
    private static Comparison.Change throughput(RunResult a, RunResult b, String model, Comparison.Test test) {
        return Comparison.compare(a, b, test).stream()
                .filter(c -> c.model().equals(model) && c.figure() == Figure.AGGREGATE_MIBPS)
                .findFirst().orElseThrow();
    }

    @Test
    void aRealDifferenceIsSignificantWithTheRightPercentAndInterval() {
        RunResult a = KnownRuns.run("Linux", KnownRuns.model("virtual", 100, 102, 98, 101, 99));
        RunResult b = KnownRuns.run("Linux", KnownRuns.model("virtual", 110, 112, 108, 111, 109));
        Comparison.Change c = throughput(a, b, "virtual", Comparison.Test.WELCH);
        // means 100 and 110; variances of the means 0.5 each, Welch's df = 8, t(0.975, 8) = 2.306004; Fieller:
        // ratio = (mA mB -+ sqrt((mA mB)^2 - (mA^2 - t^2 vA)(mB^2 - t^2 vB))) / (mA^2 - t^2 vA) = 1.076047, 1.124538
        assertThat(c.percent()).isCloseTo(10.0, within(1e-9));
        assertThat(c.low()).isCloseTo(7.60471, within(1e-4));
        assertThat(c.high()).isCloseTo(12.45380, within(1e-4));
        assertThat(c.p()).isLessThan(0.001);
        assertThat(c.significant()).isTrue();
        assertThat(Comparison.line(c, false))
                .startsWith("virtual: aggregate throughput +10.0% [+7.6%, +12.5%], significant (p<0.001)");

        // run time moved the other way: about -9.1%
        Comparison.Change runTime = Comparison.compare(a, b, Comparison.Test.WELCH).stream()
                .filter(x -> x.figure() == Figure.RUN_S).findFirst().orElseThrow();
        assertThat(runTime.percent()).isCloseTo(-9.09, within(0.05));
        assertThat(runTime.significant()).isTrue();
    }

    @Test
    void mannWhitneyFindsFullySeparatedSamplesSignificant() {
        RunResult a = KnownRuns.run("Linux", KnownRuns.model("threaded", 100, 102, 98, 101, 99));
        RunResult b = KnownRuns.run("Linux", KnownRuns.model("threaded", 110, 112, 108, 111, 109));
        Comparison.Change c = throughput(a, b, "threaded", Comparison.Test.MANN_WHITNEY);
        // U = 0 for 5 against 5: z = 12.5 / sqrt(5 * 5 * 11 / 12) = 2.611, two-sided p = 0.0090
        assertThat(c.p()).isCloseTo(0.0090, within(0.0005));
        assertThat(c.verdict()).isEqualTo("significant (p=0.009)");
    }

    @Test
    void twoSamplesOfTheSameDistributionShowNoSignificantDifference() {
        // both from N(500, 25^2), fixed seed; the means differ only by chance
        Random random = new Random(42);
        double[] x = new double[8];
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) x[i] = 500 + 25 * random.nextGaussian();
        for (int i = 0; i < 8; i++) y[i] = 500 + 25 * random.nextGaussian();
        RunResult a = KnownRuns.run("Linux", KnownRuns.model("poll", x));
        RunResult b = KnownRuns.run("Linux", KnownRuns.model("poll", y));
        for (Comparison.Test test : Comparison.Test.values()) {
            Comparison.Change c = throughput(a, b, "poll", test);
            assertThat(c.significant()).as(test.title()).isFalse();
            assertThat(c.verdict()).startsWith("no significant difference (p=");
            assertThat(c.low()).isNegative();
            assertThat(c.high()).isPositive();
        }
    }

    @Test
    void theIntervalOfANegativeMeanIsMirrored() {
        // memory per connection can come out below the baseline; a change from -10 to -5 is +50%
        Comparison.Change c = Comparison.change("poll", 100, Figure.MEMORY_PER_CONNECTION_KIB,
                new double[] {-10, -10.5, -9.5, -10}, new double[] {-5, -5.5, -4.5, -5}, Comparison.Test.WELCH);
        assertThat(c.percent()).isCloseTo(50.0, within(1e-9));
        assertThat(c.low()).isLessThan(50.0).isGreaterThan(30.0);
        assertThat(c.high()).isGreaterThan(50.0).isLessThan(70.0);
        assertThat(c.significant()).isTrue();
    }

    @Test
    void anIntervalThatIsUnboundedSaysSo() {
        // A's mean (50.5) is not clearly away from zero with two iterations this far apart
        Comparison.Change c = Comparison.change("poll", 100, Figure.SOCKET_CREATE_US, new double[] {1, 100},
                new double[] {50, 51}, Comparison.Test.WELCH);
        assertThat(c.low()).isNull();
        assertThat(c.high()).isNull();
        assertThat(c.significant()).isFalse();
        // socket creation time cannot be negative: an unbounded interval means the runs are too noisy for one
        assertThat(Comparison.line(c, false)).contains("[too noisy for an interval], no significant");
    }

    @Test
    void tooFewIterationsGiveNoVerdict() {
        RunResult a = KnownRuns.run("Linux", KnownRuns.model("virtual", 100));
        RunResult b = KnownRuns.run("Linux", KnownRuns.model("virtual", 150, 151, 149));
        Comparison.Change c = throughput(a, b, "virtual", Comparison.Test.WELCH);
        assertThat(c.percent()).isCloseTo(50.0, within(1e-9));
        assertThat(c.p()).isNull();
        assertThat(c.verdict()).isEqualTo("too few iterations for a verdict (1 and 3; at least 2 on each side)");
        assertThat(Comparison.line(c, false)).startsWith("virtual: aggregate throughput +50.0%, too few iterations");
    }

    @Test
    void modelsInOnlyOneRunAreNamed() {
        RunResult a = KnownRuns.run("Linux", KnownRuns.model("threaded", 100, 101), KnownRuns.model("poll", 90, 91));
        RunResult b = KnownRuns.run("Linux", KnownRuns.model("threaded", 100, 101));
        String text = Comparison.render("a.json", a, "b.json", b, Comparison.Test.WELCH);
        assertThat(text).contains("poll, 100 connections: only in A").contains("threaded: aggregate throughput +0.0%");
        assertThat(text).endsWith("\n");

        // a model whose every iteration failed in one run is named, not silently left out
        netoverhead.result.ModelRun failed = KnownRuns.model("threaded", 100, 101);
        List<netoverhead.result.IterationResult> dead = failed.iterations().stream()
                .map(it -> new netoverhead.result.IterationResult(it.iteration(), it.figures(), "child died",
                        it.errorsByKind(), null, List.of(), List.of())).toList();
        RunResult c = KnownRuns.run("Linux", new netoverhead.result.ModelRun("threaded", "threaded", 100, null, dead, null));
        assertThat(Comparison.render("a.json", a, "c.json", c, Comparison.Test.WELCH))
                .contains("threaded, 100 connections: nothing to compare (iterations without errors: 2 of 2 in A, "
                        + "0 of 2 in B)")
                .contains("No model and connection count was measured in both runs.");
        assertThat(Comparison.compare(a, b, Comparison.Test.WELCH)).extracting(Comparison.Change::model)
                .containsOnly("threaded");
        assertThat(List.of(text.split("\n"))).anyMatch(l -> l.startsWith("A: a.json (Linux (x86_64, 6.1.0, JDK 25.0.3)"));
    }
}
