package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.harness.Aggregator;
import netoverhead.result.Figure;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/** An iteration with a failed job or a failed child keeps its figures but never enters a mean. */
class CountedIterationsTest {
    private static final int N = KnownRuns.CONNECTIONS;

    /** An iteration with the given aggregate throughput, run time and failed jobs ("truncated"). */
    private static IterationResult iteration(int index, double aggregateMibps, double runS, int failedJobs,
                                             String failure) {
        IterationFigures f = new IterationFigures(20.0, 10.0, runS * 0.9, 50.0, aggregateMibps, runS, 60.0, 70.0,
                40.0, 0.5, 0.25, N * KnownRuns.PAYLOAD, N * KnownRuns.PAYLOAD, failedJobs);
        List<JobResult> jobs = new ArrayList<>();
        for (int j = 0; j < failedJobs; j++) {
            jobs.add(new JobResult(j, 0, 1000, 1000, 2000, 3000, 4000, 1000, KnownRuns.PAYLOAD, 200, "truncated",
                    "connection closed after 1000 of " + KnownRuns.PAYLOAD + " body bytes"));
        }
        return new IterationResult(index, f, failure, failedJobs > 0 ? Map.of("truncated", failedJobs) : Map.of(),
                null, jobs, List.of());
    }

    private static ModelRun model(String name, List<IterationResult> iterations) {
        return new ModelRun(name, name, N, null, iterations, Aggregator.summary(iterations, N));
    }

    @Test
    void failedIterationsDoNotMoveAnyMean() {
        // the case: one good iteration at 1009 MiB/s, then two whose jobs failed, with absurd figures
        List<IterationResult> its = List.of(iteration(1, 1009, 0.66, 0, null), iteration(2, 0, 1.87, 3, null),
                iteration(3, 0, 0.001, 0, "the child exited with status 137, SIGKILL"));
        var summary = Aggregator.summary(its, N);
        assertThat(summary.get("aggregate_mibps").mean()).isEqualTo(1009.0);
        assertThat(summary.get("aggregate_mibps").n()).isEqualTo(1);
        assertThat(summary.get("run_s").mean()).isEqualTo(0.66);
        assertThat(summary.get("download_s").n()).isEqualTo(summary.get("run_s").n());
        // counts are never averaged
        assertThat(summary).doesNotContainKeys("errors", "bytes_received", "bytes_expected");
        assertThat(its).extracting(IterationResult::counted).containsExactly(true, false, false);
        assertThat(its.get(1).notCounted()).isEqualTo("3 jobs failed");
        assertThat(its.get(2).notCounted()).startsWith("the child failed: the child exited with status 137");

        // with nothing left out the mean would be another: the test above could fail
        List<Double> all = its.stream().map(it -> it.figures().aggregateMibps()).toList();
        assertThat(all.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).isNotCloseTo(1009.0, within(1.0));
    }

    @Test
    void tablesSayHowManyIterationsCountedAndARowWithNoneSaysSo() {
        ModelRun partly = model("poll", List.of(iteration(1, 1009, 0.66, 0, null), iteration(2, 1, 9.0, 2, null),
                iteration(3, 1000, 0.67, 0, null)));
        ModelRun none = model("threaded", List.of(iteration(1, 5, 9, 4, null), iteration(2, 5, 9, 0, "child died")));
        String table = HaikuTable.render(List.of(KnownRuns.run("Linux", partly, none)));

        String pollRow = table.lines().filter(l -> l.startsWith("| poll, 2 of 3 iterations |")).findFirst().orElseThrow();
        // four significant digits: the mean of 1009 and 1000 is 1004.5, shown as 1005 (the 1 MiB/s of the failed one is out)
        assertThat(table).contains("| poll, 2 of 3 iterations | 1005 MiB/s |");
        assertThat(pollRow).contains("0.665 s"); // mean run time of the counted two: 0.665, not 3.443
        String threaded = table.lines().filter(l -> l.startsWith("| threaded |")).toList().toString();
        assertThat(threaded).contains("no iteration completed without errors (0 of 2)").doesNotContain("MiB/s");
        assertThat(table).contains("| 4 (4 truncated); 1 failed iteration |");
        // the first message of each kind, not only counts
        assertThat(table).contains("- poll: 2 truncated, first: connection closed after 1000 of 1048576 body bytes "
                + "(iteration 2)", "- threaded: 1 failed iteration, first: child died (iteration 2)");
        // the environment once, above the tables
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("Linux (x86_64, 6.1.0, JDK 25.0.3) on host-Linux;")
                .contains("payload 1MiB", "100 connections");
        assertThat(table.lines().filter(l -> l.contains("JDK 25.0.3"))).hasSize(1);
    }

    @Test
    void compareLeavesFailedIterationsOutAndSaysKOfN() {
        RunResult a = KnownRuns.run("Linux", KnownRuns.model("poll", 100, 102, 98));
        RunResult b = KnownRuns.run("Linux", model("poll", List.of(iteration(1, 110, 0.9, 0, null),
                iteration(2, 112, 0.9, 0, null), iteration(3, 0.5, 200, 5, null))));
        Comparison.Change c = Comparison.compare(a, b, Comparison.Test.WELCH).stream()
                .filter(x -> x.figure() == Figure.AGGREGATE_MIBPS).findFirst().orElseThrow();
        assertThat(c.b()).containsExactly(110, 112);
        assertThat(c.percent()).isCloseTo(11.0, within(1e-9));
        assertThat(Comparison.line(c, false)).endsWith("(3 vs 2 of 3 iterations)");
        assertThat(Comparison.compare(a, b, Comparison.Test.WELCH)).noneMatch(x -> x.figure() == Figure.ERRORS);
    }

    @Test
    void compareNeverPrintsAnImpossibleIntervalForAPositiveFigure() {
        // B's throughput is not clearly above zero: the ratio's interval reaches below -100%
        Comparison.Change c = Comparison.change("poll", 100, Figure.AGGREGATE_MIBPS, new double[] {100, 101, 99},
                new double[] {1, 200, 0.5}, Comparison.Test.WELCH);
        assertThat(c.plausibleInterval()).isFalse();
        String line = Comparison.line(c, false);
        assertThat(line).contains("[too noisy for an interval]").doesNotContain("%, ");
        assertThat(line).doesNotContainPattern("\\[-\\d");
    }

    @Test
    void jsonMarksIterationsThatAreNotCountedAndReadsOlderResults(@TempDir Path dir) throws Exception {
        RunResult run = KnownRuns.run("Linux", model("poll", List.of(iteration(1, 1009, 0.66, 0, null),
                iteration(2, 0, 1.87, 3, null))));
        Path file = Files.writeString(dir.resolve("r.json"), JsonReport.render(run));
        JsonNode its = new ObjectMapper().readTree(file.toFile()).get("runs").get(0).get("iterations");
        assertThat(its.get(0).get("counted").asBoolean()).isTrue();
        assertThat(its.get(0).get("notCounted").isNull()).isTrue();
        assertThat(its.get(1).get("counted").asBoolean()).isFalse();
        assertThat(its.get(1).get("notCounted").asText()).isEqualTo("3 jobs failed");
        assertThat(its.get(1).get("figures").get("aggregateMibps").asDouble()).isZero(); // its own figures stay
        JsonNode units = new ObjectMapper().readTree(file.toFile()).get("units");
        assertThat(units.get("aggregate_mibps").asText()).isEqualTo("MiB/s");
        assertThat(units.get("memory_per_connection_kib").asText()).isEqualTo("KiB");
        assertThat(JsonReport.read(file)).isEqualTo(run);

        // a result written before labels and the counted flag existed still loads, with no label
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(file.toFile());
        ((ObjectNode) tree.get("settings")).remove("label");
        for (JsonNode it : tree.get("runs").get(0).get("iterations")) ((ObjectNode) it).remove(List.of("counted", "notCounted"));
        Path old = dir.resolve("old.json");
        new ObjectMapper().writeValue(old.toFile(), tree);
        assertThat(JsonReport.read(old).settings().label()).isNull();
        assertThat(JsonReport.read(old).runs().getFirst().iterations().get(1).counted()).isFalse();
    }

    @Test
    void csvKeepsEveryIterationWithItsErrors() {
        RunResult run = KnownRuns.run("Linux", model("poll", List.of(iteration(1, 1009, 0.66, 0, null),
                iteration(2, 3, 1.87, 3, null))));
        List<String> rows = CsvReport.render(List.of(run)).lines().toList();
        assertThat(rows).hasSize(3);
        String[] failed = rows.get(2).split(",", -1);
        assertThat(failed[8]).isEqualTo("3"); // aggregate_mibps of the failed iteration, kept
        assertThat(failed[17]).isEqualTo("3"); // errors
    }
}
