package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.report.CsvReport;
import netoverhead.report.JsonReport;
import netoverhead.report.HaikuTable;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;

/**
 * The real command line, end to end: it starts the embedded server as its own process, runs the Haiku suite's two
 * models in fresh child JVMs, prints the Haiku suite's table and writes CSV and JSON that agree with each other.
 */
class RunEndToEndTest {
    /**
     * Large enough that each iteration's window spends many clock ticks (10 ms) of CPU: at 10 x 3 MiB a window
     * took under a tick on a fast day and recorded no CPU at all.
     */
    private static final long PAYLOAD = 32L << 20;
    @TempDir
    static Path dir;
    private static Cli.Result run;
    private static int port;

    @BeforeAll
    static void runOnce() throws Exception {
        port = TestServers.freePort();
        run = Cli.run(300, "run", "127.0.0.1", Integer.toString(port), "--models", "threaded,poll",
                "--iterations", "2", "--connections", "10", "--payload", "32MiB", "--out", dir.toString(),
                "--markdown", dir.resolve("table.md").toString());
    }

    private static Path only(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }

    @Test
    void succeedsAndPrintsTheHaikuTableWithItsColumnsAndUnits() {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String[] lines = run.stdout().split("\n");
        // what was measured, once above the tables: setup, host, server, payload, connections, iterations
        assertThat(lines[0]).startsWith("Linux (").contains(", JDK ", "; server embedded; payload 32MiB; 10 connections; "
                + "2 iterations");
        assertThat(lines[2]).isEqualTo(HaikuTable.HEADER);
        assertThat(run.stdout()).contains(HaikuTable.DETAIL_HEADER);
        String threaded = Stream.of(lines).filter(l -> l.startsWith("| Threaded |")).findFirst().orElseThrow();
        String poll = Stream.of(lines).filter(l -> l.startsWith("| `poll()`-based |")).findFirst().orElseThrow();
        for (String row : List.of(threaded, poll)) {
            assertThat(row).matches("\\| .* \\| [0-9.]+ us \\| [0-9.]+ us \\| [0-9.]+ s @ [0-9.]+ MiB/s \\| [0-9.]+ s \\| [0-9.]+ MiB \\|");
        }
        assertThat(run.stderr()).contains("starting the embedded server").contains("iteration 2/2");
    }

    @Test
    void csvHasDesignsHeaderAndEveryByteArrived() throws IOException {
        List<String> csv = Files.readAllLines(only(".csv"));
        assertThat(csv.getFirst()).isEqualTo("model,connections,payload_bytes,iteration,socket_create_us,job_setup_us,"
                + "download_s,download_mibps,aggregate_mibps,run_s,memory_avg_mib,memory_peak_mib,memory_baseline_mib,"
                + "cpu_user_s,cpu_sys_s,bytes_received,bytes_expected,errors,workload,duration_s,operations,ops_per_s,"
                + "latency_p50_us,latency_p90_us,latency_p99_us,latency_p999_us,latency_max_us,rate_ratio,cpu_us_per_op,"
                + "ctx_switches_per_op,syscalls_per_op,label");
        assertThat(csv).hasSize(1 + 2 * 2);
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", -1);
            assertThat(f).hasSize(32);
            assertThat(f[18]).as("workload").isEqualTo("bulk");
            assertThat(f[31]).as("label").isEmpty();
            assertThat(f[0]).isIn("threaded", "poll");
            assertThat(f[1]).isEqualTo("10");
            assertThat(Long.parseLong(f[2])).isEqualTo(PAYLOAD);
            assertThat(Long.parseLong(f[15])).as("bytes received").isEqualTo(10 * PAYLOAD);
            assertThat(Long.parseLong(f[16])).as("bytes expected").isEqualTo(10 * PAYLOAD);
            assertThat(f[17]).as("errors").isEqualTo("0");
            for (int i = 4; i <= 12; i++) assertThat(Double.parseDouble(f[i])).as("column %d", i).isPositive();
            // CPU time comes in clock ticks (10 ms): a short run may honestly have spent none in one mode
            for (int i = 13; i <= 14; i++) assertThat(Double.parseDouble(f[i])).as("column %d", i).isNotNegative();
            assertThat(Double.parseDouble(f[13]) + Double.parseDouble(f[14])).as("CPU seconds").isPositive();
        }
    }

    @Test
    void jsonReadsBackIntoTheSameFigures() throws IOException {
        RunResult result = JsonReport.read(only(".json"));
        assertThat(result.complete()).isTrue();
        assertThat(result.settings().payloadBytes()).isEqualTo(PAYLOAD);
        assertThat(result.settings().serverDescription()).startsWith("embedded");
        assertThat(result.environment().jdk()).startsWith("25");
        assertThat(result.runs()).extracting(ModelRun::model).containsExactly("threaded", "poll");
        for (ModelRun mr : result.runs()) {
            assertThat(mr.iterations()).hasSize(2);
            for (IterationResult it : mr.iterations()) {
                assertThat(it.ok()).isTrue();
                assertThat(it.jobs()).hasSize(10).allSatisfy(j -> {
                    assertThat(j.error()).isNull();
                    assertThat(j.bodyBytes()).isEqualTo(PAYLOAD);
                    assertThat(j.socketCreateNs()).isPositive();
                    assertThat(j.setupNs()).isPositive();
                    assertThat(j.downloadNs()).isPositive();
                });
                assertThat(it.memory()).isNotEmpty();
                assertThat(it.serverCpuS()).isNotNull();
            }
            assertThat(mr.summary().get("run_s").n()).isEqualTo(2);
        }
        // the CSV is a view of the JSON: rendering the JSON gives back the file byte for byte
        assertThat(CsvReport.render(List.of(result))).isEqualTo(Files.readString(only(".csv")));
        assertThat(HaikuTable.render(List.of(result))).isEqualTo(Files.readString(dir.resolve("table.md")));
        double mean = result.runs().getFirst().summary().get("aggregate_mibps").mean();
        double fromIterations = result.runs().getFirst().iterations().stream()
                .mapToDouble(i -> i.figures().aggregateMibps()).average().orElseThrow();
        assertThat(mean).isCloseTo(fromIterations, within(1e-9));
    }

    @Test
    void environmentVariablesSetDefaultsAndFlagsBeatThem() throws Exception {
        Path out = dir.resolve("env");
        Cli.Result r = Cli.run(Map.of("NO_CONNECTIONS", "3", "TEST_PAYLOAD", "1", "ITERATIONS", "1"), 180, "run",
                "127.0.0.1", Integer.toString(TestServers.freePort()), "--models", "poll", "--out", out.toString(),
                "--no-progress");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        RunResult result;
        try (Stream<Path> files = Files.list(out)) {
            result = JsonReport.read(files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow());
        }
        assertThat(result.settings().connections()).containsExactly(3);
        assertThat(result.settings().payloadBytes()).isEqualTo(1L << 20);
        assertThat(result.settings().iterations()).isEqualTo(1);

        Cli.Result flagWins = Cli.run(Map.of("NO_CONNECTIONS", "3"), 60, "run", "--connections", "0");
        assertThat(flagWins.exitCode()).isEqualTo(2);
        assertThat(flagWins.stderr().strip()).isEqualTo(
                "netoverhead: --connections must be at least 1, not 0");
    }

    @Test
    void aPinnedRunSucceedsAndRecordsWhereTheClientsAndTheServerRan() throws Exception {
        Path out = dir.resolve("pinned");
        String last = Integer.toString(netoverhead.os.CpuList.allowed().cpus().last());
        Cli.Result r = Cli.run(180, "run", "127.0.0.1", Integer.toString(TestServers.freePort()), "--models", "poll",
                "--connections", "2", "--payload", "1MiB", "--iterations", "1", "--client-cpus", last,
                "--server-cpus", "0-0", "--out", out.toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        RunResult result;
        try (Stream<Path> files = Files.list(out)) {
            result = JsonReport.read(files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow());
        }
        assertThat(result.settings().clientCpus()).isEqualTo(last);
        assertThat(result.settings().serverCpus()).isEqualTo("0");
        assertThat(result.runs().getFirst().iterations().getFirst().figures().errors()).isZero();
    }
}
