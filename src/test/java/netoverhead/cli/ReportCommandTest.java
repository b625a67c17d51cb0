package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.report.JsonReport;
import netoverhead.report.RowLabel;
import netoverhead.result.RunResult;
import netoverhead.server.PayloadServer;
import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;

/** report re-renders a real run made through the command line, alone and merged with a second machine's. */
class ReportCommandTest {
    @TempDir
    static Path dir;

    static Cli.Result run;
    static Path json;
    static Path csv;

    @BeforeAll
    static void realRun() throws Exception {
        json = dir.resolve("run.json");
        csv = dir.resolve("run.csv");
        try (PayloadServer server = TestServers.embedded(256 << 10)) {
            run = Cli.run(300, "run", "127.0.0.1", Integer.toString(server.port()), "--models", "threaded,poll",
                    "--connections", "4", "--iterations", "2", "--payload", "256KiB", "--out",
                    dir.resolve("results").toString(), "--json", json.toString(), "--csv", csv.toString(),
                    "--no-progress");
        }
        assertThat(run.exitCode()).as(run.stderr()).isZero();
    }

    @Test
    void reportOfOneFileReproducesTheRunsTable() throws Exception {
        Cli.Result report = Cli.run(120, "report", json.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(report.stdout()).isEqualTo(run.stdout());
        assertThat(report.stdout()).contains("Threaded", "`poll()`-based");
    }

    @Test
    void csvOfOneFileIsTheRunsCsv() throws Exception {
        Cli.Result report = Cli.run(120, "report", "--format", "csv", json.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(report.stdout()).isEqualTo(Files.readString(csv));
    }

    @Test
    void twoFilesMergeIntoOneTableWithBothEnvironments() throws Exception {
        // a second machine, faked: a copy of the same run whose environment says Haiku on another kernel and JDK
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree = (ObjectNode) mapper.readTree(json.toFile());
        ObjectNode env = (ObjectNode) tree.get("environment");
        env.put("os", "Haiku");
        env.put("kernel", "1.0.0 hrev57937");
        env.put("jdk", "21.0.2");
        env.put("hostname", "other-machine");
        Path haiku = dir.resolve("haiku.json");
        mapper.writeValue(haiku.toFile(), tree);

        Cli.Result report = Cli.run(120, "report", json.toString(), haiku.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        RunResult linux = JsonReport.read(json);
        String setup = RowLabel.setup(linux.environment());
        String host = linux.environment().hostname();
        // each row: the setup that differs, the model, and the other difference (the host) in parentheses
        assertThat(report.stdout()).contains("| " + setup + " Threaded (on " + host + ") |",
                "| " + setup + " `poll()`-based (on " + host + ") |",
                "| Haiku (x86_64, 1.0.0, JDK 21.0.2) Threaded (on other-machine) |",
                "| Haiku (x86_64, 1.0.0, JDK 21.0.2) `poll()`-based (on other-machine) |");
        // the same names in the merged CSV's label column
        Cli.Result mergedCsv = Cli.run(120, "report", "--format", "csv", json.toString(), haiku.toString());
        assertThat(mergedCsv.stdout().lines().skip(1))
                .allMatch(r -> r.endsWith(",\"" + setup + ", on " + host + "\"")
                        || r.endsWith(",\"Haiku (x86_64, 1.0.0, JDK 21.0.2), on other-machine\""));
        // one header per table, one row per model per file in each
        assertThat(report.stdout().lines().filter(l -> l.startsWith("| Setup |"))).hasSize(2);
        assertThat(report.stdout().lines().filter(l -> l.contains("Threaded"))).hasSize(4);

        // the merged JSON reads back as the same two runs
        Path merged = dir.resolve("merged.json");
        Cli.Result mergedJson = Cli.run(120, "report", json.toString(), haiku.toString(), "-o", merged.toString());
        assertThat(mergedJson.exitCode()).as(mergedJson.stderr()).isZero();
        Cli.Result again = Cli.run(120, "report", merged.toString());
        assertThat(again.stdout()).isEqualTo(report.stdout());

        Cli.Result html = Cli.run(120, "report", json.toString(), haiku.toString(), "-o", dir.resolve("both.html").toString());
        assertThat(html.exitCode()).as(html.stderr()).isZero();
        String page = Files.readString(dir.resolve("both.html"));
        assertThat(page).contains(setup + " Threaded", "Haiku (x86_64, 1.0.0, JDK 21.0.2)", "other-machine");
    }

    @Test
    void badInputIsOneLineAndUsageExit() throws Exception {
        Cli.Result missing = Cli.run(60, "report", dir.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).doesNotContain("\n").contains("nope.json").doesNotContain("Exception");

        Path notJson = dir.resolve("bad.json");
        Files.writeString(notJson, "{ this is not json");
        Cli.Result bad = Cli.run(60, "report", notJson.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().strip()).doesNotContain("\n").contains("bad.json").doesNotContain("at netoverhead");

        Cli.Result format = Cli.run(60, "report", "--format", "pdf", json.toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.stderr()).contains("--format");
    }
}
