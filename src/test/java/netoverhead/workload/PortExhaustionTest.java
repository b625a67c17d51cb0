package netoverhead.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.harness.IterationRunner;
import netoverhead.http.ResponseParser;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.server.link.NetworkNamespace;
import netoverhead.testing.Privileged;
import netoverhead.testing.ServeProcess;
import netoverhead.testing.TestServers;

/**
 * A network namespace of the test's own whose ephemeral port range holds ten ports, a server in it, and a model
 * opening twelve kept-alive connections there: ten hold their ports for the window, and the last two cannot have one.
 * Those two fail with the error kind of their own, {@code ports}, whose message says how to widen the range; the
 * other ten are untouched. A namespace per model: the connections a client closes stay in TIME_WAIT on its side, and
 * hold their ports for the next second at least.
 */
@Timeout(120)
class PortExhaustionTest {
    private static final int PORTS = 10;
    private static final int CONNECTIONS = 12;
    private NetworkNamespace namespace;
    private ServeProcess server;

    private static final IterationRunner.Options OPTIONS = new IterationRunner.Options(Duration.ofMillis(10), List.of(),
            Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(90));

    static Stream<Named<Model>> models() {
        return ModelRegistry.all().stream().map(m -> Named.of(m.name(), m));
    }

    @BeforeEach
    void narrowNamespace() throws Exception {
        Privileged.assumeNamespaces();
        namespace = NetworkNamespace.create();
        List<String> sysctl = new ArrayList<>(namespace.execPrefix());
        sysctl.addAll(List.of("sysctl", "-q", "-w", "net.ipv4.ip_local_port_range=40000 " + (40000 + PORTS - 1)));
        Process narrow = new ProcessBuilder(sysctl).redirectErrorStream(true).start();
        String said = new String(narrow.getInputStream().readAllBytes());
        assertThat(narrow.waitFor()).as(said).isZero();
        server = ServeProcess.startUnder(namespace.execPrefix(), "--payload", "1KiB");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (server != null) server.close();
        if (namespace != null) namespace.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void theConnectionsBeyondThePortRangeFailWithTheirOwnKind(Model model) throws Exception {
        assumeTrue(model.availability().available(), () -> model.name() + " " + model.availability());
        WorkloadPlan rr = new WorkloadPlan(WorkloadKind.RR, 1, 0, 0, 1_500_000_000L, 0);
        ClientPlan plan = new ClientPlan("127.0.0.1", server.port(), "/rr/128", CONNECTIONS, 8 * 1024, 5_000, 10_000,
                null, 0, false, ResponseParser.DEFAULT_MAX_HEAD_BYTES, false, false, rr);
        IterationRunner runner = new IterationRunner(new IterationRunner.Options(OPTIONS.sampleInterval(),
                List.of(), OPTIONS.startTimeout(), OPTIONS.stallTimeout(), OPTIONS.iterationTimeout(),
                IterationRunner.BeforeGo.NOTHING, namespace.execPrefix()));
        IterationResult result = runner.run(model, plan, 1, 128, TestServers.handle("test server", 128), b -> { });

        assertThat(result.failure()).isNull();
        assertThat(result.errorsByKind()).containsEntry("ports", CONNECTIONS - PORTS);
        List<JobResult> failed = result.jobs().stream().filter(JobResult::failed).toList();
        assertThat(failed).hasSize(CONNECTIONS - PORTS).allSatisfy(job -> {
            assertThat(job.error()).isEqualTo("ports");
            assertThat(job.message()).contains("Cannot assign requested address").contains("ip_local_port_range");
        });
        assertThat(result.jobs().stream().filter(j -> !j.failed() && j.opsWindow() > 0)).hasSize(PORTS);
    }
}
