package netoverhead.model.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.harness.ChildCommand;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.payload.PayloadFile;
import netoverhead.result.JobResult;
import netoverhead.server.PayloadServer;
import netoverhead.testing.ChildRun;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/**
 * What is particular to the FFM models, run in the child JVM exactly as the harness starts it: libc's
 * errno reaches the job's message, the kernel timeouts fire, IPv6 addresses are built right, and the child
 * runs without the JVM's native-access warning.
 */
class FfmModelsTest {
    @BeforeAll
    static void ffmAvailable() {
        var availability = FfmSupport.availability();
        Assumptions.assumeTrue(availability.available(), () -> "FFM models " + availability);
    }

    private static ChildRun.Result run(String model, String host, int port, int connections, int readTimeoutMs)
            throws Exception {
        Model m = ModelRegistry.byName(model).orElseThrow();
        ClientPlan plan = new ClientPlan(host, port, "/testpayload", connections, 16 * 1024, 2000, readTimeoutMs, null,
                0, true, 64 * 1024);
        ChildRun.Result result = ChildRun.run(ChildCommand.forModel(m, plan, List.of()), 120);
        assertThat(result.exitCode()).isZero();
        assertThat(result.jobs()).hasSize(connections);
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-poll", "ffm-threaded"})
    void downloadsEveryVerifiedByteWithoutANativeAccessWarning(String model) throws Exception {
        long payload = 2 * 1024 * 1024 + 3;
        try (PayloadServer server = TestServers.embedded(payload)) {
            ChildRun.Result result = run(model, "127.0.0.1", server.port(), 4, 10_000);
            for (JobResult job : result.jobs()) {
                assertThat(job.error()).as(job.message()).isNull();
                assertThat(job.bodyBytes()).isEqualTo(payload);
                assertThat(job.socketCreateNs()).isPositive();
                assertThat(job.setupNs()).isPositive();
                assertThat(job.endNs()).isGreaterThan(job.requestSentNs());
            }
            assertThat(result.stderr()).doesNotContain("WARNING");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-poll", "ffm-threaded"})
    void aRefusedConnectCarriesLibcsErrno(String model) throws Exception {
        JobResult job = run(model, "127.0.0.1", TestServers.freePort(), 1, 5000).jobs().getFirst();
        assertThat(job.error()).isEqualTo("connect");
        assertThat(job.message()).isEqualTo("connect: Connection refused (errno 111)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-poll", "ffm-threaded"})
    void aSilentServerIsAReadTimeout(String model) throws Exception {
        try (ScriptedServer silent = ScriptedServer.start(0, ScriptedServer.silent())) {
            JobResult job = run(model, "127.0.0.1", silent.port(), 2, 300).jobs().getFirst();
            assertThat(job.error()).isEqualTo("timeout");
            assertThat(job.message()).isEqualTo("no data for 300 ms after 0 body bytes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffm-poll", "ffm-threaded"})
    void connectsOverIpv6(String model) throws Exception {
        Assumptions.assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
        long payload = 100_000;
        try (PayloadServer server = PayloadServer.start(PayloadServer.Config.of("::1", 0, "/testpayload", payload),
                PayloadFile.ofSize(payload))) {
            JobResult job = run(model, "::1", server.port(), 1, 10_000).jobs().getFirst();
            assertThat(job.error()).as(job.message()).isNull();
            assertThat(job.bodyBytes()).isEqualTo(payload);
        }
    }

    static boolean ipv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
