package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

import netoverhead.config.Size;
import netoverhead.result.Figure;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.OperationUnit;
import netoverhead.result.RunResult;

/**
 * Run B against run A, per model, connection count and figure: the change of the mean in percent of A's, a
 * 95% confidence interval for it (Fieller's interval for the ratio of the means, with Welch-Satterthwaite
 * degrees of freedom), and a verdict from a two-sided significance test over the iterations.
 * A verdict needs at least {@link #MIN_ITERATIONS} iterations on each side; with fewer it says so. Only
 * counted iterations (child completed, no failed job) enter; a model with some left out says "k of n".
 * An interval that reaches below -100% for a figure that cannot be negative is not printed: the runs are
 * too noisy for one.
 */
public final class Comparison {
    public static final int MIN_ITERATIONS = 2;
    public static final double ALPHA = 0.05;

    public enum Test {
        WELCH("Welch's t-test"), MANN_WHITNEY("Mann-Whitney U test (normal approximation)");

        private final String title;

        Test(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /**
     * How one figure of one model changed; the numbers are null where they could not be computed.
     * {@code ranA} and {@code ranB} are the iterations each run made, counted or not.
     */
    public record Change(String model, int connections, Figure figure, double[] a, double[] b, Double percent,
                         Double low, Double high, Double p, String verdict, int ranA, int ranB, Long responseBytes,
                         Double shownA, Double shownB) {
        public boolean significant() {
            return p != null && p < ALPHA;
        }

        /** Whether the interval is one a figure of this kind can have: never below -100% for a positive one. */
        public boolean plausibleInterval() {
            return low != null && high != null && (!figure.positive() || low >= -100);
        }

        Change withRuns(int ranA, int ranB) {
            return new Change(model, connections, figure, a, b, percent, low, high, p, verdict, ranA, ranB,
                    responseBytes, shownA, shownB);
        }

        /** This change for a step of a sweep over response sizes (rr), null otherwise. */
        Change atResponse(Long bytes) {
            return new Change(model, connections, figure, a, b, percent, low, high, p, verdict, ranA, ranB, bytes,
                    shownA, shownB);
        }

        /**
         * A latency percentile: the change of the merged histograms' percentile, shown A -> B, with the
         * interval and verdict of the iterations' own percentiles (percentiles are never averaged).
         */
        Change merged(double percentileA, double percentileB) {
            Double change = percentileA != 0 ? (percentileB - percentileA) / percentileA * 100 : null;
            return new Change(model, connections, figure, a, b, change, low, high, p, verdict, ranA, ranB,
                    responseBytes, percentileA, percentileB);
        }

        /** The value shown for A: the merged percentile of a latency, else A's mean. */
        double valueA() {
            return shownA != null ? shownA : StatUtils.mean(a);
        }

        double valueB() {
            return shownB != null ? shownB : StatUtils.mean(b);
        }
    }

    private Comparison() {}

    /** Every figure of every model and connection count that both runs measured. */
    public static List<Change> compare(RunResult a, RunResult b, Test test) {
        List<Change> changes = new ArrayList<>();
        for (ModelRun runA : a.runs()) {
            if (runA.unavailable() != null) continue;
            ModelRun runB = b.runs().stream()
                    .filter(r -> sameRow(r, runA) && r.unavailable() == null)
                    .findFirst().orElse(null);
            if (runB == null) continue;
            for (Figure figure : Figure.summarisedFigures()) {
                double[] va = values(runA, figure);
                double[] vb = values(runB, figure);
                if (va.length == 0 || vb.length == 0) continue;
                changes.add(change(runA.model(), runA.connections(), figure, va, vb, test)
                        .withRuns(runA.iterations().size(), runB.iterations().size())
                        .atResponse(runA.responseBytes()));
            }
            changes.addAll(RrComparison.latency(runA, runB, test));
        }
        return changes;
    }

    /** The same row of two runs: model, connection count and, in an rr sweep, response size. */
    static boolean sameRow(ModelRun x, ModelRun y) {
        return x.model().equals(y.model()) && x.connections() == y.connections()
                && Objects.equals(x.responseBytes(), y.responseBytes());
    }

    /** The figure's value in every counted iteration that measured it. */
    static double[] values(ModelRun run, Figure figure) {
        List<Double> v = new ArrayList<>();
        for (IterationResult it : run.iterations()) {
            if (!it.counted()) continue;
            Double x = figure.of(it, run.connections());
            if (x != null && Double.isFinite(x)) v.add(x);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static Change change(String model, int connections, Figure figure, double[] a, double[] b, Test test) {
        return measure(model, connections, figure, a, b, test).withRuns(a.length, b.length);
    }

    private static Change measure(String model, int connections, Figure figure, double[] a, double[] b, Test test) {
        double meanA = StatUtils.mean(a);
        double meanB = StatUtils.mean(b);
        Double percent = meanA != 0 ? (meanB - meanA) / Math.abs(meanA) * 100 : null;
        if (a.length < MIN_ITERATIONS || b.length < MIN_ITERATIONS) {
            return new Change(model, connections, figure, a, b, percent, null, null, null,
                    "too few iterations for a verdict (" + a.length + " and " + b.length + "; at least "
                            + MIN_ITERATIONS + " on each side)", 0, 0, null, null, null);
        }
        double varA = StatUtils.variance(a);
        double varB = StatUtils.variance(b);
        if (varA == 0 && varB == 0) {
            String verdict = meanA == meanB ? "no difference (the same value in every iteration)"
                    : "no verdict: neither run varies, so no test applies";
            return new Change(model, connections, figure, a, b, percent, percent, percent, null, verdict, 0, 0, null,
                    null, null);
        }
        double se = Math.sqrt(varA / a.length + varB / b.length);
        double df = Math.pow(varA / a.length + varB / b.length, 2)
                / (sq(varA / a.length) / (a.length - 1) + sq(varB / b.length) / (b.length - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(1 - ALPHA / 2);
        double[] interval = fieller(meanA, meanB, varA / a.length, varB / b.length, t);
        // the change is (mB - mA) / |mA|: the ratio minus one, mirrored when A's mean is negative
        Double low = interval == null ? null : meanA > 0 ? (interval[0] - 1) * 100 : (1 - interval[1]) * 100;
        Double high = interval == null ? null : meanA > 0 ? (interval[1] - 1) * 100 : (1 - interval[0]) * 100;
        double p = test == Test.WELCH ? new TTest().tTest(a, b) : new MannWhitneyUTest().mannWhitneyUTest(a, b);
        String verdict = (p < ALPHA ? "significant (" : "no significant difference (") + pValue(p) + ")";
        return new Change(model, connections, figure, a, b, percent, low, high, p, verdict, 0, 0, null, null, null);
    }

    /**
     * Fieller's confidence interval for the ratio of two independent means, mB / mA, given the variances of
     * the means and the t quantile; null when it is unbounded (A's mean is not clearly away from zero). Unlike
     * the difference of means divided by A's mean, it accounts for A's own uncertainty and never claims a
     * change below -100% for a positive figure whose B mean is clearly above zero.
     */
    static double[] fieller(double meanA, double meanB, double varMeanA, double varMeanB, double t) {
        double a = meanA * meanA - t * t * varMeanA;
        if (a <= 0) return null;
        double c = meanB * meanB - t * t * varMeanB;
        double disc = meanA * meanB * meanA * meanB - a * c;
        if (disc < 0) return null;
        double root = Math.sqrt(disc);
        double r1 = (meanA * meanB - root) / a;
        double r2 = (meanA * meanB + root) / a;
        return new double[] {r1, r2};
    }

    /** {@code threaded: aggregate throughput +7.1% [+3.0%, +11.2%], significant (p=0.004); 581 -> 622 MiB/s} */
    public static String line(Change c, boolean withConnections) {
        return line(c, withConnections, false, OperationUnit.REQUEST);
    }

    /**
     * The same, naming the response size of an rr sweep when {@code withResponse}, and the figure in the words
     * of the workload's operation ({@code connections per second}, {@code connections/s} for churn).
     */
    static String line(Change c, boolean withConnections, boolean withResponse, OperationUnit operation) {
        StringBuilder sb = new StringBuilder(c.model());
        if (withConnections) sb.append(", ").append(c.connections()).append(" connections");
        if (withResponse && c.responseBytes() != null) {
            sb.append(", ").append(Units.bytes(c.responseBytes())).append(" responses");
        }
        sb.append(": ").append(c.figure().title(operation)).append(' ');
        if (c.percent() == null) {
            boolean zeros = StatUtils.mean(c.a()) == 0 && StatUtils.mean(c.b()) == 0;
            sb.append(zeros ? "0 in both" : "n/a % (A's mean is zero)");
        } else {
            sb.append(percent(c.percent()));
            if (c.p() != null && c.plausibleInterval()) {
                sb.append(" [").append(percent(c.low())).append(", ").append(percent(c.high())).append(']');
            } else if (c.p() != null) {
                sb.append(c.figure().positive() ? " [too noisy for an interval]"
                        : " [interval unbounded: A's spread is too wide]");
            }
        }
        sb.append(", ").append(c.verdict());
        String unit = c.figure().unit(operation).isEmpty() ? "" : " " + c.figure().unit(operation);
        sb.append("; ").append(Numbers.significant(c.valueA(), 4)).append(" -> ")
                .append(Numbers.significant(c.valueB(), 4)).append(unit)
                .append(" (").append(iterations(c.a().length, c.ranA())).append(" vs ")
                .append(iterations(c.b().length, c.ranB())).append(" iterations)");
        return sb.toString();
    }

    /** The whole comparison as text: what is compared with what, how, then a line per model and figure. */
    public static String render(String nameA, RunResult a, String nameB, RunResult b, Test test) {
        List<Change> changes = compare(a, b, test);
        boolean withConnections = changes.stream().map(Change::connections).distinct().count() > 1;
        boolean withResponse = changes.stream().map(Change::responseBytes).filter(Objects::nonNull)
                .distinct().count() > 1;
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(nameA).append(" (").append(RowLabel.setup(a.environment())).append(", ")
                .append(a.startedAt()).append(")\n");
        sb.append("B: ").append(nameB).append(" (").append(RowLabel.setup(b.environment())).append(", ")
                .append(b.startedAt()).append(")\n");
        RunDifferences differences = RunDifferences.of(List.of(a, b));
        sb.append("Differences: A: ").append(describe(differences, a)).append("; B: ").append(describe(differences, b))
                .append('\n');
        sb.append("Change of B's mean against A's, with its 95% confidence interval (Fieller, Welch's degrees of freedom); verdict at p < ")
                .append(ALPHA).append(" from ").append(test.title()).append(" over the iterations.\n");
        if (a.settings().payloadBytes() != b.settings().payloadBytes()) {
            // spelled as the Differences line and --payload spell sizes: 4MiB, 1MiB
            sb.append("Warning: the payloads differ (").append(Size.format(a.settings().payloadBytes())).append(" and ")
                    .append(Size.format(b.settings().payloadBytes())).append(").\n");
        }
        sb.append(RrComparison.header(a, b));
        // A's words for the operation; where B's workload differs, the header has warned
        OperationUnit operation = OperationUnit.of(a.settings().workloadOrBulk());
        String lastModel = null;
        for (Change c : changes) {
            String key = c.model() + "/" + c.connections() + "/" + c.responseBytes();
            if (!key.equals(lastModel)) sb.append('\n');
            lastModel = key;
            sb.append(line(c, withConnections, withResponse, operation)).append('\n');
        }
        List<String> notes = new ArrayList<>();
        for (ModelRun runA : a.runs()) {
            ModelRun runB = b.runs().stream().filter(r -> sameRow(r, runA)).findFirst().orElse(null);
            boolean compared = changes.stream().anyMatch(c -> c.model().equals(runA.model())
                    && c.connections() == runA.connections()
                    && Objects.equals(c.responseBytes(), runA.responseBytes()));
            if (runB != null) notes.addAll(RrComparison.rateNotes(runA, runB));
            if (runB != null && runA.unavailable() == null && runB.unavailable() == null && !compared) {
                notes.add(runA.model() + ", " + runA.connections() + " connections: nothing to compare (iterations "
                        + "without errors: " + RowLabel.counted(runA).replace(" iterations", "") + " in A, "
                        + RowLabel.counted(runB).replace(" iterations", "") + " in B)");
            }
        }
        notes.addAll(unmatched(a, b, "A"));
        notes.addAll(unmatched(b, a, "B"));
        if (!notes.isEmpty()) sb.append('\n');
        for (String note : notes) sb.append(note).append('\n');
        if (changes.isEmpty()) sb.append("\nNo model and connection count was measured in both runs.\n");
        return sb.toString();
    }

    /** The run's label beside what differs, or that nothing but the time differs. */
    private static String describe(RunDifferences differences, RunResult r) {
        String settings = differences.differingSettings(r);
        String label = r.settings().label();
        return label == null || label.isBlank() ? settings : "\"" + label.strip() + "\", " + settings;
    }

    /** {@code 3}, or {@code 2 of 3} when some iterations were left out. */
    private static String iterations(int counted, int ran) {
        return counted < ran ? counted + " of " + ran : Integer.toString(counted);
    }

    private static List<String> unmatched(RunResult x, RunResult y, String name) {
        List<String> lines = new ArrayList<>();
        for (ModelRun r : x.runs()) {
            boolean inOther = y.runs().stream().anyMatch(o -> sameRow(o, r) && o.unavailable() == null);
            if (r.unavailable() != null) {
                lines.add(r.model() + ", " + r.connections() + " connections: unavailable in " + name + ": "
                        + r.unavailable());
            } else if (!inOther) {
                lines.add(r.model() + ", " + r.connections() + " connections: only in " + name);
            }
        }
        return lines;
    }

    private static String percent(double v) {
        return (v >= 0 ? "+" : "") + String.format(java.util.Locale.ROOT, "%.1f", v) + "%";
    }

    private static String pValue(double p) {
        return p < 0.001 ? "p<0.001" : String.format(java.util.Locale.ROOT, "p=%.3f", p);
    }

    private static double sq(double x) {
        return x * x;
    }
}
