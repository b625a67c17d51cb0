package netoverhead.server.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.Leftovers;
import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

/**
 * Two hosts, as a user would have them: {@code serve --bind ADDRESS} in one network namespace, and
 * {@code run ADDRESS PORT --server external} in another, joined by nothing but a veth pair.
 */
class TwoHostsTest {
    private static final String SERVER_ADDRESS = "10.214.0.1";
    private static final String CLIENT_ADDRESS = "10.214.0.2";

    @Test
    void aClientInOneNamespaceBenchmarksAServerInAnotherAndTheResultsRecordTheTarget(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        int port = TestServers.freePort();
        Path json = dir.resolve("run.json");
        Path serverLog = dir.resolve("serve.txt");
        String serverNs;
        String veth;
        Process server = null;
        NetworkNamespace serverHost = NetworkNamespace.create();
        NetworkNamespace clientHost = null;
        VethPair cable = null;
        try {
            serverNs = serverHost.name();
            clientHost = NetworkNamespace.create();
            cable = VethPair.create(serverHost, SERVER_ADDRESS, clientHost, CLIENT_ADDRESS, 30, 0);
            veth = cable.a().device();

            server = new ProcessBuilder(tool(serverHost, "serve", "--bind", SERVER_ADDRESS, "--port",
                    Integer.toString(port), "--payload", "1MiB"))
                    .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(serverLog).contains("listening on http://") && server.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            String served = Files.readString(serverLog);
            assertThat(served).contains("listening on http://" + SERVER_ADDRESS + ":" + port + "/testpayload")
                    .contains("warning: listening on " + SERVER_ADDRESS + ", which is reachable from the network");

            Process client = new ProcessBuilder(tool(clientHost, "run", SERVER_ADDRESS, Integer.toString(port),
                    "--server", "external", "--models", "threaded,poll", "--iterations", "1", "--connections", "4",
                    "--verify", "--no-progress", "--out", dir.toString(), "--json", json.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("run.txt").toFile()).start();
            boolean finished = client.waitFor(300, TimeUnit.SECONDS);
            if (!finished) client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String out = Files.readString(dir.resolve("run.txt"));
            assertThat(finished).as(out).isTrue();
            assertThat(client.exitValue()).as(out).isZero();
            assertThat(out).contains("using the server already listening at " + SERVER_ADDRESS + ":" + port);

            JsonNode settings = new ObjectMapper().readTree(json.toFile()).path("settings");
            assertThat(settings.path("address").asText()).isEqualTo(SERVER_ADDRESS);
            assertThat(settings.path("port").asInt()).isEqualTo(port);
            assertThat(settings.path("server").asText()).isEqualTo("external");
            assertThat(settings.path("serverDescription").asText()).startsWith("external");
            for (JsonNode run : new ObjectMapper().readTree(json.toFile()).path("runs")) {
                JsonNode figures = run.path("iterations").get(0).path("figures");
                assertThat(figures.path("errors").asInt()).isZero();
                assertThat(figures.path("bytesReceived").asLong()).isEqualTo(4L << 20);
            }
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (cable != null) cable.close();
            if (clientHost != null) clientHost.close();
            serverHost.close();
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(Leftovers.namespaceExists(serverNs)).isFalse();
        assertThat(Leftovers.namespaceExists(clientHost.name())).isFalse();
        assertThat(Leftovers.interfaceExists(veth)).isFalse();
        assertThat(Leftovers.all()).isEmpty();
    }

    /** The tool's command line, run inside {@code host}. */
    private static List<String> tool(NetworkNamespace host, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(host.execPrefix());
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "netoverhead.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
