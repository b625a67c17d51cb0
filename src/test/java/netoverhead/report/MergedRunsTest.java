package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;

/** Two runs of the same models, merged: every format names each row by its run's label or by what differs. */
class MergedRunsTest {
    private static RunResult withServer(RunResult r, String kind, String description, String label, String startedAt) {
        RunSettings s = r.settings();
        RunSettings changed = new RunSettings(s.models(), s.connections(), s.iterations(), s.payloadBytes(), s.address(),
                s.port(), s.path(), kind, description, s.bufferBytes(), s.selector(), s.loops(), s.sampleIntervalMs(),
                s.connectTimeoutMs(), s.readTimeoutMs(), s.verify(), s.link(), s.profiler(), s.clientCpus(),
                s.serverCpus(), s.warmup(), s.startPriority(), label);
        return new RunResult(r.tool(), r.environment(), changed, startedAt, r.finishedAt(), r.complete(), r.runs());
    }

    private static RunResult run(String kind, String description, String label, String startedAt) {
        return withServer(KnownRuns.run("Linux", KnownRuns.model("Threaded", 100, 101), KnownRuns.model("poll", 90, 91)),
                kind, description, label, startedAt);
    }

    private final RunResult lighttpd = run("lighttpd", "lighttpd/1.4.69", null, "2026-01-01T00:00:00Z");
    private final RunResult nginx = run("nginx", "nginx/1.26.3", null, "2026-01-01T01:00:00Z");

    @Test
    void tableRowsNameTheServerThatDiffers() {
        String table = HaikuTable.render(List.of(lighttpd, nginx));
        assertThat(table).contains("| Threaded (server lighttpd/1.4.69) |", "| Threaded (server nginx/1.26.3) |",
                "| poll (server lighttpd/1.4.69) |", "| poll (server nginx/1.26.3) |");
        // what both share is said once above the tables, and not what differs
        String shared = table.lines().findFirst().orElseThrow();
        assertThat(shared).startsWith("Linux (x86_64, 6.1.0, JDK 25.0.3) on host-Linux;").doesNotContain("server");
        assertThat(table.lines().filter(l -> l.startsWith("| Threaded"))).hasSize(4); // two tables, two runs
    }

    @Test
    void labelsNameTheRowsInEveryFormat() throws Exception {
        RunResult a = run("lighttpd", "lighttpd/1.4.69", "before tuning", "2026-01-01T00:00:00Z");
        RunResult b = run("lighttpd", "lighttpd/1.4.69", "after, tuned", "2026-01-01T01:00:00Z");
        List<RunResult> both = List.of(a, b);

        assertThat(HaikuTable.render(both)).contains("| Threaded (before tuning) |", "| Threaded (after, tuned) |");

        List<String> csv = CsvReport.render(both).lines().toList();
        assertThat(csv.getFirst()).endsWith(",errors,workload,duration_s,operations,ops_per_s,latency_p50_us,"
                + "latency_p90_us,latency_p99_us,latency_p999_us,latency_max_us,rate_ratio,cpu_us_per_op,"
                + "ctx_switches_per_op,syscalls_per_op,label");
        assertThat(csv.subList(1, 5)).allMatch(r -> r.endsWith(",bulk,,,,,,,,,,,,,before tuning"));
        assertThat(csv.subList(5, 9)).allMatch(r -> r.endsWith(",bulk,,,,,,,,,,,,,\"after, tuned\""));

        JsonNode json = new ObjectMapper().readTree(JsonReport.render(both));
        assertThat(json.get(0).get("settings").get("label").asText()).isEqualTo("before tuning");
        assertThat(json.get(1).get("shownAs").asText()).isEqualTo("after, tuned");
        assertThat(json.get(1).get("runs").get(0).get("row").asText()).isEqualTo("Threaded (after, tuned)");
    }

    @Test
    void csvAndJsonWithoutLabelsCarryWhatDiffers() throws Exception {
        List<RunResult> both = List.of(lighttpd, nginx);
        List<String> csv = CsvReport.render(both).lines().toList();
        assertThat(csv.get(1)).endsWith(",bulk,,,,,,,,,,,,,server lighttpd/1.4.69");
        assertThat(csv.get(8)).endsWith(",bulk,,,,,,,,,,,,,server nginx/1.26.3");
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(both));
        assertThat(json.get(0).get("shownAs").asText()).isEqualTo("server lighttpd/1.4.69");
        assertThat(json.get(1).get("runs").get(1).get("row").asText()).isEqualTo("poll (server nginx/1.26.3)");
        // a single run's CSV has an empty label column
        assertThat(CsvReport.render(List.of(lighttpd)).lines().skip(1)).allMatch(r -> r.endsWith(",bulk,,,,,,,,,,,,,"));
    }

    @Test
    void jsonRowNamesArePlainTextWithoutMarkdown() throws Exception {
        ModelRun poll = KnownRuns.model("poll", 90, 91);
        ModelRun marked = new ModelRun("poll", "`poll()`-based", poll.connections(), null, poll.iterations(),
                poll.summary());
        RunResult a = withServer(KnownRuns.run("Linux", marked), "lighttpd", "lighttpd/1.4.69", "`a`", "2026-01-01T00:00:00Z");
        RunResult b = withServer(KnownRuns.run("Linux", marked), "nginx", "nginx/1.26.3", null, "2026-01-01T01:00:00Z");
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(List.of(a, b)));
        // the model's Markdown is dropped; the user's own label is kept as given
        assertThat(json.get(0).get("runs").get(0).get("row").asText()).isEqualTo("poll()-based (`a`)");
        assertThat(json.get(1).get("runs").get(0).get("row").asText()).isEqualTo("poll()-based (server nginx/1.26.3)");
        // the Markdown table keeps it
        assertThat(HaikuTable.render(List.of(a, b))).contains("| `poll()`-based (server nginx/1.26.3) |");
    }

    @Test
    void aLabelledRunAloneHasItsLabelAboveTheTableAndInTheCsv() {
        RunResult alone = run("lighttpd", "lighttpd/1.4.69", "baseline", "2026-01-01T00:00:00Z");
        String table = HaikuTable.render(List.of(alone));
        assertThat(table.lines().findFirst().orElseThrow()).contains("run \"baseline\"", "server lighttpd/1.4.69");
        assertThat(table).contains("| Threaded |").doesNotContain("(baseline)");
        assertThat(CsvReport.render(List.of(alone)).lines().skip(1)).hasSize(4)
                .allMatch(r -> r.endsWith(",bulk,,,,,,,,,,,,,baseline"));
    }

    @Test
    void runsThatDifferInNothingElseAreToldApartByTheirStartTime() {
        RunResult first = run("embedded", "embedded (pid 100)", null, "2026-01-01T00:00:00Z");
        RunResult second = run("embedded", "embedded (pid 200)", null, "2026-01-01T01:00:00Z");
        String table = HaikuTable.render(List.of(first, second));
        assertThat(table).contains("| Threaded (started 2026-01-01T00:00:00Z) |", "| Threaded (started 2026-01-01T01:00:00Z) |");
        // the server's pid is no difference
        assertThat(table.lines().findFirst().orElseThrow()).contains("server embedded;");

        // runs of different models (profile writes one per model) need no start time to tell their rows apart
        RunResult threaded = KnownRuns.run("Linux", KnownRuns.model("Threaded", 100, 101));
        RunResult poll = withServer(KnownRuns.run("Linux", KnownRuns.model("poll", 90, 91)), "embedded", "embedded",
                null, "2026-01-01T02:00:00Z");
        assertThat(HaikuTable.render(List.of(threaded, poll))).contains("| Threaded |", "| poll |").doesNotContain("started");
    }

    @Test
    void compareNamesWhatDiffersBetweenAAndB() {
        String text = Comparison.render("a.json", lighttpd, "b.json", nginx, Comparison.Test.WELCH);
        assertThat(text.lines().toList()).contains("Differences: A: server lighttpd/1.4.69; B: server nginx/1.26.3");
        assertThat(text).contains("Threaded: aggregate throughput +0.0%");
    }
}
