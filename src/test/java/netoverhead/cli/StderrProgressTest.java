package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;

/**
 * The time left that the progress line prints, from iterations fed with synthetic timestamps: every
 * iteration takes one second of start-up plus one millisecond per MiB of body.
 */
class StderrProgressTest {
    private static final long MIB = 1 << 20;
    private static final long SECOND = 1_000_000_000L;

    private long now;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StderrProgress progress = new StderrProgress(new PrintStream(out, true, StandardCharsets.UTF_8),
            false, () -> now);

    /** One iteration of one model: started now, finished after its start-up and its bytes. */
    private void iteration(int connections, int i) {
        long bytes = connections * MIB;
        progress.iterationStarted("threaded", connections, i, 3, bytes);
        now += SECOND + connections * SECOND / 1000;
        progress.bytes(bytes);
        IterationFigures f = new IterationFigures(1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, bytes, bytes, 0);
        progress.iterationFinished("threaded", connections, new IterationResult(i, f, null, Map.of(), null, List.of(),
                List.of()));
        now += SECOND / 100; // the parent's work between iterations
    }

    @Test
    void aSweepFromOneConnectionCountsEachIterationsStartUpOnce() {
        List<Integer> counts = List.of(1, 10, 100);
        progress.planned(9, 3 * (1 + 10 + 100) * MIB);
        progress.sweep(counts, List.of("threaded"));
        for (int c : counts) for (int i = 1; i <= 3; i++) iteration(c, i);
        progress.finished();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(9);
        // after one iteration of 1 MiB in 1.001 s: 8 more of about that, not 332 times its bytes' share
        assertThat(lines.get(0)).startsWith("[1/9] connections 1/3 (1), model 1/1 threaded, iteration 1/3: ")
                .endsWith("~0:00:08 left");
        // two sizes seen (1 and 10 MiB): 1.02 s each of the two 10 MiB iterations left, 1.11 s each of the
        // three 100 MiB ones, with the gaps between iterations in the fixed part
        assertThat(lines.get(3)).startsWith("[4/9]").endsWith("~0:00:05 left");
        assertThat(lines.get(6)).startsWith("[7/9]").endsWith("~0:00:02 left");
        assertThat(lines.get(8)).startsWith("[9/9]").doesNotContain("left");
    }

    @Test
    void anIterationWithErrorsNamesTheFirstMessageOfEachKind() {
        progress.planned(1, 4 * MIB);
        progress.iterationStarted("poll", 4, 1, 1, 4 * MIB);
        now += SECOND;
        IterationFigures f = new IterationFigures(1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 2 * MIB,
                4 * MIB, 2);
        List<JobResult> jobs = List.of(
                new JobResult(1, 0, 1, 2, 3, 4, 5, MIB, MIB, 200, null, null),
                new JobResult(2, 0, 1, 2, 3, 4, -1, 0, -1, 0, "read_timeout", "no byte for 30 s"),
                new JobResult(3, 0, 1, 2, 3, 4, -1, 0, -1, 0, "read_timeout", "a later one"),
                new JobResult(4, 0, 1, 2, -1, -1, -1, 0, -1, 0, "connect", "Connection refused"));
        progress.iterationFinished("poll", 4, new IterationResult(1, f, null, Map.of("read_timeout", 2, "connect", 1),
                null, jobs, List.of()));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "2 errors (read_timeout: no byte for 30 s; connect: Connection refused)")
                .doesNotContain("a later one");
    }

    @Test
    void nothingIsEstimatedBeforeAnIterationFinished() {
        progress.planned(2, 2 * MIB);
        progress.iterationStarted("poll", 1, 1, 2, MIB);
        now += 30 * SECOND;
        progress.bytes(MIB / 2);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("left");
    }
}
