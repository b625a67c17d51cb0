package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;

/** compare's header, in words: what one run had and the other lacked, and payloads in human sizes. */
class CompareHeaderTest {
    /** A run of the same model with the given payload, link and profiler (null for none). */
    private static RunResult run(long payloadBytes, String link, String profiler) {
        RunResult r = KnownRuns.run("Linux", KnownRuns.model("Threaded", 100, 101, 99));
        RunSettings s = r.settings();
        RunSettings changed = new RunSettings(s.models(), s.connections(), s.iterations(), payloadBytes, s.address(),
                s.port(), s.path(), s.server(), s.serverDescription(), s.bufferBytes(), s.selector(), s.loops(),
                s.sampleIntervalMs(), s.connectTimeoutMs(), s.readTimeoutMs(), s.verify(), link, profiler,
                s.clientCpus(), s.serverCpus(), s.warmup(), s.startPriority(), s.label());
        return new RunResult(r.tool(), r.environment(), changed, r.startedAt(), r.finishedAt(), r.complete(), r.runs());
    }

    private static String differences(RunResult a, RunResult b) {
        return Comparison.render("a.json", a, "b.json", b, Comparison.Test.WELCH).lines()
                .filter(l -> l.startsWith("Differences: ")).findFirst().orElseThrow();
    }

    @Test
    void aLinkOrAProfilerOnOneSideOnlyIsSaidInWords() {
        RunResult plain = run(KnownRuns.PAYLOAD, null, null);
        assertThat(differences(run(KnownRuns.PAYLOAD, "veth 1gbit", null), plain))
                .isEqualTo("Differences: A: over veth 1gbit; B: no emulated link");
        assertThat(differences(plain, run(KnownRuns.PAYLOAD, null, "JFR")))
                .isEqualTo("Differences: A: no profiler; B: under JFR");
        // merged rows name the run the same way
        assertThat(HaikuTable.render(List.of(plain, run(KnownRuns.PAYLOAD, "veth 1gbit", null))))
                .contains("| Threaded (no emulated link) |", "| Threaded (over veth 1gbit) |")
                .doesNotContain("none");
    }

    @Test
    void differentPayloadsAreWarnedOfInHumanSizes() {
        String text = Comparison.render("a.json", run(4L << 20, null, null), "b.json", run(1L << 20, null, null),
                Comparison.Test.WELCH);
        assertThat(text.lines().toList()).contains("Warning: the payloads differ (4MiB and 1MiB).",
                "Differences: A: payload 4MiB; B: payload 1MiB");
        assertThat(text).doesNotContain("4194304", "1048576");
    }
}
