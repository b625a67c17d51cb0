package netoverhead.server.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.Cli;
import netoverhead.testing.Leftovers;
import netoverhead.testing.Privileged;

/** Runs over a real shaped veth link to a real namespace, and everything is gone afterwards, whatever happened. */
class EmulatedLinkTest {
    private static final Pattern CREATED = Pattern.compile("namespace (nobench-\\d+-\\d+), (nb\\S+) \\S+ <-> (nb\\S+) (\\S+)");

    @Test
    void throughputOverA200MbitLinkStaysAtOrBelowTheRate(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        Path json = dir.resolve("run.json");
        Cli.Result r = Cli.run(300, "run", "--link", "rate=200mbit", "--models", "poll", "--iterations", "1",
                "--connections", "4", "--payload", "2MiB", "--no-progress", "--out", dir.toString(),
                "--json", json.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        Matcher m = CREATED.matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).contains("; over veth 200mbit\n").contains("| `poll()`-based |");

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("settings").path("link").asText()).isEqualTo("veth 200mbit");
        assertThat(root.path("settings").path("address").asText()).isEqualTo(m.group(4));
        JsonNode figures = root.path("runs").get(0).path("iterations").get(0).path("figures");
        assertThat(figures.path("errors").asInt()).isZero();
        assertThat(figures.path("bytesReceived").asLong()).isEqualTo(8L << 20);
        double rateMiBps = 200e6 / 8 / (1 << 20);
        assertThat(figures.path("aggregateMibps").asDouble()).isPositive().isLessThanOrEqualTo(rateMiBps);
        assertGone(m);
    }

    @Test
    void lighttpdAndNginxServeFromInsideTheNamespace(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        for (String server : List.of("lighttpd", "nginx")) {
            Privileged.assumeInstalled(server);
            Path json = dir.resolve(server + ".json");
            Cli.Result r = Cli.run(300, "run", "--link", "rate=1gbit,mtu=9000", "--server", server, "--models", "threaded",
                    "--iterations", "1", "--connections", "3", "--payload", "1MiB", "--verify", "--no-progress",
                    "--out", dir.toString(), "--json", json.toString());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("starting " + server + " on ").contains("inside the link's namespace");
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            assertThat(root.path("settings").path("serverDescription").asText()).startsWith(server + "/");
            assertThat(root.path("settings").path("link").asText()).isEqualTo("veth 1gbit, mtu 9000");
            assertThat(root.path("runs").get(0).path("iterations").get(0).path("figures").path("errors").asInt()).isZero();
            Matcher m = CREATED.matcher(r.stderr());
            assertThat(m.find()).isTrue();
            assertGone(m);
        }
    }

    @Test
    void delayAndLossRunWithNetemOrAreRefusedClearlyWithoutIt(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        Cli.Result r = Cli.run(300, "run", "--link", "rate=1gbit,delay=1ms,loss=0.01%", "--models", "poll",
                "--iterations", "1", "--connections", "2", "--payload", "256KiB", "--no-progress", "--out", dir.toString());
        if (TrafficShaper.netemMaybeAvailable() && r.exitCode() == 0) {
            assertThat(r.stdout()).contains("over veth 1gbit, delay 1ms, loss 0.01%");
        } else {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr().strip()).doesNotContain("\n")
                    .isEqualTo("netoverhead: this kernel has no netem queueing discipline (sch_netem), so --link "
                            + "cannot emulate delay or loss here; use rate= and mtu= only");
        }
        Matcher m = CREATED.matcher(r.stderr());
        if (m.find()) assertGone(m);
    }

    @Test
    void aServerThatFailsToStartInsideTheNamespaceLeavesNothing(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        Privileged.assumeInstalled("lighttpd");
        Cli.Result r = Cli.run(120, "run", "--link", "rate=1gbit", "--server", "lighttpd", "--path", "/a/../../b",
                "--models", "poll", "--iterations", "1", "--connections", "1", "--no-progress", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("cannot be served as a file");
        Matcher m = CREATED.matcher(r.stderr());
        assertThat(m.find()).as("the link was made before the server failed: " + r.stderr()).isTrue();
        assertGone(m);
    }

    @Test
    void interruptingTheRunMidwayRemovesNamespaceLinkAndServer(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        Privileged.assumeInstalled("nginx");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "netoverhead.Main", "run", "--link", "rate=8mbit",
                "--server", "nginx", "--models", "poll", "--iterations", "5", "--connections", "2", "--payload",
                "64MiB", "--no-progress", "--out", dir.toString()));
        Path err = dir.resolve("err.txt");
        Process run = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        String ns = "nobench-" + run.pid() + "-1";
        try {
            // a 64 MiB download at 8 Mbit/s takes a minute: stop the run once it is under way
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(err).contains("starting nginx") && System.nanoTime() < deadline && run.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(err)).contains("starting nginx");
            Thread.sleep(1000);
            assertThat(Leftovers.namespaceExists(ns)).isTrue();
            // SIGINT, what Ctrl-C sends
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
        Matcher m = CREATED.matcher(Files.readString(err));
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(ns);
        assertGone(m);
    }

    @Test
    void withoutNetworkAdminCapabilityTheRunRefusesInOneLine(@TempDir Path dir) throws Exception {
        Privileged.assumeNamespaces();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "setpriv (util-linux) is needed to drop a capability");
        List<String> cmd = List.of("/usr/bin/setpriv", "--bounding-set", "-net_admin",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "netoverhead.Main", "run", "--link", "rate=1gbit", "--models",
                "poll", "--iterations", "1", "--connections", "1", "--no-progress", "--out", dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out.strip()).isEqualTo("netoverhead: --link needs root (or CAP_NET_ADMIN and CAP_SYS_ADMIN) to "
                + "create a network namespace and a veth pair; run it as root, e.g. with sudo");
    }

    @Test
    void badLinkUsageIsOneLineAndStatusTwo() throws Exception {
        Cli.Result bad = Cli.run(60, "run", "--link", "rate=fast", "--models", "poll");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().strip()).isEqualTo(
                "netoverhead: --link rate='fast' must be a rate such as 200mbit or 1gbit");
        Cli.Result external = Cli.run(60, "run", "--link", "rate=1gbit", "--server", "external", "--models", "poll");
        assertThat(external.exitCode()).isEqualTo(2);
        assertThat(external.stderr()).contains("needs a server the tool starts");
    }

    @AfterAll
    static void nothingIsLeft() throws Exception {
        assertThat(Leftovers.all()).isEmpty();
    }

    /** The namespace, both veth ends and every server process of that run no longer exist. */
    static void assertGone(Matcher created) throws Exception {
        assertThat(Leftovers.namespaceExists(created.group(1))).as(created.group(1)).isFalse();
        assertThat(Leftovers.interfaceExists(created.group(2))).as(created.group(2)).isFalse();
        String owner = created.group(1).split("-")[1];
        List<String> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("-" + owner + "-")
                        && (c.contains("netoverhead-nginx-") || c.contains("netoverhead-lighttpd-"))
                        || c.contains("serve --bind " + created.group(4) + " ")).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertThat(servers).isEmpty();
        assertThat(Leftovers.orphanedNginxWorkers()).isEmpty();
        try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(dirs.map(d -> d.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("netoverhead-nginx-" + owner + "-") || n.startsWith("netoverhead-lighttpd-" + owner + "-"));
        }
    }
}
