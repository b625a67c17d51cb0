package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import netoverhead.os.CpuList;
import netoverhead.payload.PayloadPattern;
import netoverhead.process.Binaries;
import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

/** lighttpd and nginx, really started from the configurations the tool writes, serve the payload exactly. */
class RealServerTest {
    private static final long PAYLOAD = 1_000_003; // odd, so that no power-of-two accident hides a short body

    @ParameterizedTest
    @ValueSource(strings = {"lighttpd", "nginx"})
    void startsServesThePayloadByteForByteAndRemovesEverything(String kind) throws Exception {
        Privileged.assumeInstalled(kind);
        int port = TestServers.freePort();
        ServerSpec spec = ServerSpec.local("127.0.0.1", port, "/deep/er/testpayload", PAYLOAD, 50);
        ProgramServer server = (ProgramServer) ServerLauncher.open(ServerKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), spec, message -> { });
        Path dir;
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
        List<ProcessHandle> workers;
        try {
            assertThat(server.description()).matches(kind + "/\\d+\\.\\d+.*");
            assertThat(server.payloadBytes()).isEqualTo(PAYLOAD);
            List<Path> dirs = serverDirectories(kind);
            assertThat(dirs).hasSize(1);
            dir = dirs.getFirst();
            assertThat(dir).isDirectory();
            assertThat(download(port, "/deep/er/testpayload")).isEqualTo(expected());
            assertThat(server.cpuNanos()).isPresent();
            workers = process.descendants().toList();
        } finally {
            server.close();
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
        assertThat(dir).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lighttpd", "nginx"})
    void refusesToStartWhereSomethingAlreadyListens(String kind) throws Exception {
        Privileged.assumeInstalled(kind);
        try (PayloadServer other = TestServers.embedded(1000)) {
            ServerSpec spec = ServerSpec.local("127.0.0.1", other.port(), "/testpayload", 1000, 10);
            assertThatThrownBy(() -> ServerLauncher.open(ServerKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), spec, m -> { }))
                    .isInstanceOf(IOException.class).hasMessageContaining("already listens");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "lighttpd", "nginx"})
    void aPinnedServerRunsOnItsCpusWithEveryProcessAndThreadAndStillServes(String kind) throws Exception {
        if (!kind.equals("embedded")) Privileged.assumeInstalled(kind);
        CpuList last = CpuList.parse(Integer.toString(CpuList.allowed().cpus().last()));
        int port = TestServers.freePort();
        ServerSpec spec = ServerSpec.local("127.0.0.1", port, "/testpayload", PAYLOAD, 10)
                .pinnedBy(last.commandPrefix(Binaries.require("taskset", "util-linux")));
        try (ServerHandle server = ServerLauncher.open(ServerKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), spec, message -> { })) {
            long pid = server instanceof ProgramServer p ? p.pid() : ((EmbeddedServerProcess) server).pid();
            List<Long> pids = new java.util.ArrayList<>(List.of(pid));
            ProcessHandle.of(pid).orElseThrow().descendants().forEach(d -> pids.add(d.pid()));
            for (long p : pids) {
                try (var tasks = Files.list(Path.of("/proc", Long.toString(p), "task"))) {
                    for (Path task : tasks.toList()) {
                        assertThat(Files.readAllLines(task.resolve("status")))
                                .as("process %d thread %s", p, task.getFileName())
                                .contains("Cpus_allowed_list:\t" + last);
                    }
                }
            }
            assertThat(download(port, "/testpayload")).isEqualTo(expected());
        }
    }

    @Test
    void aPinnedServerIsNeverOneThatWasAlreadyThere() throws Exception {
        try (PayloadServer other = TestServers.embedded(1000)) {
            ServerSpec spec = ServerSpec.local("127.0.0.1", other.port(), "/testpayload", 1000, 10)
                    .pinnedBy(CpuList.parse("0").commandPrefix(Binaries.require("taskset", "util-linux")));
            assertThatThrownBy(() -> ServerLauncher.open(ServerKind.EMBEDDED, spec, m -> { }))
                    .isInstanceOf(IOException.class)
                    .hasMessage("something already listens at 127.0.0.1:" + other.port() + ", and the tool can keep "
                            + "only a server it starts to some CPUs (stop it, or choose another PORT)");
        }
    }

    @Test
    void aStartFailureSaysWhyAndLeavesNothing() throws Exception {
        Privileged.assumeInstalled("lighttpd");
        // a payload path that is not a file is refused before anything starts
        ServerSpec spec = ServerSpec.local("127.0.0.1", TestServers.freePort(), "/a/../../etc/passwd", 1000, 10);
        assertThatThrownBy(() -> ServerLauncher.open(ServerKind.LIGHTTPD, spec, m -> { }))
                .hasMessageContaining("cannot be served as a file");
        // a port taken by a socket that never answers HTTP: lighttpd cannot bind, exits, and its own error
        // reaches the message
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ServerSpec busy = ServerSpec.local("127.0.0.1", taken.getLocalPort(), "/testpayload", 1000, 10);
            assertThatThrownBy(() -> LighttpdServer.start(busy))
                    .hasMessageStartingWith("lighttpd did not start:").hasMessageContaining("bind");
        }
        assertThat(serverDirectories("lighttpd")).isEmpty();
    }

    /** The directories this JVM's servers of this kind have now. */
    static List<Path> serverDirectories(String kind) throws IOException {
        try (var stream = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return stream.filter(p -> p.getFileName().toString()
                    .startsWith("netoverhead-" + kind + "-" + ProcessHandle.current().pid() + "-")).toList();
        }
    }

    @Test
    void aMissingProgramNamesThePackageToInstall() {
        assertThatThrownBy(() -> Binaries.require("netoverhead-no-such-server", "some-package"))
                .hasMessage("netoverhead-no-such-server is not installed: install the Debian package 'some-package' "
                        + "(apt-get install some-package)");
    }

    static byte[] expected() {
        byte[] bytes = new byte[(int) PAYLOAD];
        PayloadPattern.fill(0, bytes, 0, bytes.length);
        return bytes;
    }

    /** A plain HTTP/1.0 GET: the body is everything after the head, until the server closes. */
    static byte[] download(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            int end = 0;
            while (end + 3 < all.length && !(all[end] == '\r' && all[end + 1] == '\n' && all[end + 2] == '\r' && all[end + 3] == '\n')) end++;
            String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
            assertThat(head).matches("(?s)HTTP/1\\.[01] 200 .*").containsIgnoringCase("Content-Length: " + PAYLOAD);
            return java.util.Arrays.copyOfRange(all, end + 4, all.length);
        }
    }
}
