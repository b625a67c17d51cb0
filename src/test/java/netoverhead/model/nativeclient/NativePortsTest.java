package netoverhead.model.nativeclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import netoverhead.model.nativeclient.OperationsChildRun.Job;
import netoverhead.model.nativeclient.OperationsChildRun.Result;

/**
 * A connect that finds no local port left (EADDRNOTAVAIL) is the "ports" kind with the remedy in its words, as
 * job/JobFailure.noPorts words it. The client runs in a network namespace of its own (unshare -rn, no privilege
 * needed) whose local port range is one port, 50000, and connects to 127.0.0.1:50000 twice: the first connection
 * takes the port (nothing listens there, so TCP's simultaneous open connects the socket to itself), the second
 * finds none left. The namespace dies with the client.
 */
class NativePortsTest {
    private static final int PORT = 50000;
    private static final List<String> ONE_PORT_NAMESPACE = List.of("unshare", "-rn", "sh", "-c",
            "ip link set lo up && echo '" + PORT + " " + PORT + "' > /proc/sys/net/ipv4/ip_local_port_range"
                    + " && echo 0 > /proc/sys/net/ipv4/tcp_tw_reuse && exec \"$0\" \"$@\"");

    @TempDir
    static Path cache;
    static NativeBuild build;

    @BeforeAll
    static void namespacesAndCompiler() throws Exception {
        build = new NativeBuild(cache, NativeBuild.COMPILERS);
        build.unavailableReason().ifPresent(reason -> Assumptions.abort("native clients unavailable: " + reason));
        List<String> probe = new ArrayList<>(ONE_PORT_NAMESPACE);
        probe.add("true");
        Process p = new ProcessBuilder(probe).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        boolean ended = p.waitFor(10, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        Assumptions.assumeTrue(ended && p.exitValue() == 0, "no unprivileged network namespace with ip(8) here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded.c", "poll.c"})
    void noLocalPortLeftIsThePortsKindWithItsRemedy(String source) throws Exception {
        Result result = OperationsChildRun.run(ONE_PORT_NAMESPACE, build.program(source),
                OperationsChildRun.args(PORT, "/rr/128", 2, Map.of("workload", "churn", "requests", "1")), 60);
        assertThat(result.exitCode()).isZero();
        List<Job> ports = result.jobs().stream().filter(j -> "ports".equals(j.error())).toList();
        assertThat(ports).hasSize(1);
        assertThat(ports.getFirst().message()).isEqualTo("connect: Cannot assign requested address (errno 99): no local"
                + " port left; widen net.ipv4.ip_local_port_range (sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\")"
                + " or use fewer connections");
        assertThat(ports.getFirst().connectedNs()).isEqualTo(-1);
    }
}
