package netoverhead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
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
import netoverhead.server.ServerLauncher;
import netoverhead.server.ServerSpec;
import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

/**
 * The virtual model on a client with one CPU and the server on another, as the bench pins them: the client's
 * scheduler then has one carrier, and the jobs must be connected while the first ones download, or the
 * "concurrent" connections run one batch after another. A setting-up thread that competes with the carrier
 * connects a small first batch (14 of 100 against lighttpd) and the rest only after those downloads end; the
 * test asks that at least half are connected before the first job ends, a count that a busy machine's noise
 * (a few late connects) does not cross and that a batch-after-batch start does not reach.
 */
@Timeout(300)
class VirtualStartTest {
    private static final int CONNECTIONS = 100;
    private static final long PAYLOAD = 64L << 20;
    private static final int ITERATIONS = 3;

    @Test
    void mostJobsAreConnectedBeforeTheFirstEndsOnOneCpu() throws Exception {
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
        IterationRunner runner = new IterationRunner(new IterationRunner.Options(10_000_000L, List.of(),
                60_000_000_000L, 30_000_000_000L, 120_000_000_000L, null, clientCpu.commandPrefix(taskset)));
        ClientPlan plan = new ClientPlan("127.0.0.1", port, "/testpayload", CONNECTIONS, 64 * 1024,
                5_000, 30_000, null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, true); // warm, as run's default
        try (ServerHandle server = ServerLauncher.open(kind, spec, message -> { })) {
            for (int iteration = 1; iteration <= ITERATIONS; iteration++) {
                IterationResult result = runner.run(new VirtualModel(), plan, iteration, PAYLOAD, server, bytes -> { });
                assertThat(result.failure()).isNull();
                assertThat(result.jobs()).hasSize(CONNECTIONS).allSatisfy(job -> assertThat(job.error()).isNull());
                long firstEnd = result.jobs().stream().mapToLong(JobResult::endNs).min().orElseThrow();
                long connectedBefore = result.jobs().stream().filter(job -> job.connectedNs() < firstEnd).count();
                assertThat(connectedBefore).as("%s, iteration %d: jobs connected before the first job's end", kind,
                        iteration).isGreaterThanOrEqualTo(CONNECTIONS / 2);
            }
        }
    }
}
