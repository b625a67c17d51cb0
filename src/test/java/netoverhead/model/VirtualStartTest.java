package netoverhead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import netoverhead.harness.IterationRunner;
import netoverhead.http.ResponseParser;
import netoverhead.os.CpuList;
import netoverhead.process.Binaries;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerKind;
import netoverhead.server.ServerLauncher;
import netoverhead.server.ServerSpec;
import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

/**
 * The virtual model on a client with one CPU and the server on another, as the bench pins them: the client's
 * scheduler then has one carrier, and the jobs must all be started before the first one runs, or the
 * "concurrent" connections run one batch after another. The jobs are set up from a virtual thread that does
 * not yield until every job is handed off, so on one carrier no job can connect before the last hand-off: an
 * order of events that a busy machine cannot change. A setting-up thread beside the carrier (a platform
 * thread) lets the first jobs connect and download while the rest are still being handed off.
 */
@Timeout(300)
class VirtualStartTest {
    private static final int CONNECTIONS = 100;
    private static final long PAYLOAD = 64L << 20;
    private static final int ITERATIONS = 3;

    @Test
    void noJobConnectsBeforeEveryJobIsHandedOffOnOneCpu() throws Exception {
        CpuList allowed = CpuList.allowed();
        assumeTrue(allowed.cpus().size() >= 2, "needs a CPU for the server and another for the client");
        Path taskset = Binaries.require("taskset", "util-linux");
        CpuList serverCpu = CpuList.parse(Integer.toString(allowed.cpus().first()));
        CpuList clientCpu = CpuList.parse(Integer.toString(allowed.cpus().last()));
        Privileged.assumeInstalled("lighttpd"); // the server of the bench's runs, where the wait showed
        String kind = "lighttpd";
        int port = TestServers.freePort();
        ServerSpec spec = ServerSpec.local("127.0.0.1", port, "/testpayload", PAYLOAD, CONNECTIONS)
                .pinnedBy(serverCpu.commandPrefix(taskset));
        IterationRunner runner = new IterationRunner(new IterationRunner.Options(Duration.ofMillis(10), List.of(),
                Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(120), null,
                clientCpu.commandPrefix(taskset)));
        ClientPlan plan = new ClientPlan("127.0.0.1", port, "/testpayload", CONNECTIONS, 64 * 1024,
                5_000, 30_000, null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, true); // warm, as run's default
        try (ServerHandle server = ServerLauncher.open(ServerKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), spec, message -> { })) {
            for (int iteration = 1; iteration <= ITERATIONS; iteration++) {
                IterationResult result = runner.run(new VirtualModel(), plan, iteration, PAYLOAD, server, bytes -> { });
                assertThat(result.failure()).isNull();
                assertThat(result.jobs()).hasSize(CONNECTIONS).allSatisfy(job -> assertThat(job.error()).isNull());
                long lastHandOff = result.jobs().stream()
                        .mapToLong(job -> job.socketStartNs() + job.socketCreateNs() + job.setupNs()).max().orElseThrow();
                long firstConnect = result.jobs().stream().mapToLong(JobResult::connectedNs).min().orElseThrow();
                assertThat(firstConnect).as("%s, iteration %d: the first connect (ns) after every job was handed off",
                        kind, iteration).isGreaterThan(lastHandOff);
            }
        }
    }
}
