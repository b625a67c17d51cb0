package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.payload.PayloadPattern;
import netoverhead.testing.Cli;
import netoverhead.testing.Privileged;
import netoverhead.testing.TestServers;

class SetupLighttpdTest {
    @Test
    void theWrittenConfigurationReallyStartsLighttpdWhichServesThePayloadByteForByte(@TempDir Path dir) throws Exception {
        Privileged.assumeInstalled("lighttpd");
        int port = TestServers.freePort();
        long size = 777_777;
        Cli.Result setup = Cli.run(60, "setup-lighttpd", "--dir", dir.toString(), "--payload", size + "B",
                "--port", Integer.toString(port), "--connections", "3000");
        assertThat(setup.exitCode()).as(setup.stderr()).isZero();
        Path config = dir.resolve("lighttpd.conf");
        assertThat(setup.stdout()).contains("lighttpd -D -f " + config);
        String text = Files.readString(config);
        assertThat(text).contains("server.network-backend = \"sendfile\"", "server.bind = \"127.0.0.1\"",
                "server.port = " + port, "server.max-connections = 3766", "server.max-fds = 7596");
        assertThat(dir.resolve("htdocs/testpayload")).hasSize(size);

        Process lighttpd = new ProcessBuilder("lighttpd", "-D", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/testpayload"))
                    .timeout(Duration.ofSeconds(30)).build();
            HttpResponse<byte[]> response = null;
            for (int attempt = 0; attempt < 200 && response == null; attempt++) {
                assertThat(lighttpd.isAlive()).as(() -> "lighttpd exited: " + read(dir.resolve("out.log"))).isTrue();
                try {
                    response = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
                } catch (java.io.IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(response).as("lighttpd never answered").isNotNull();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("server")).hasValueSatisfying(v -> assertThat(v).startsWith("lighttpd"));
            byte[] expected = new byte[(int) size];
            PayloadPattern.fill(0, expected, 0, expected.length);
            assertThat(response.body()).isEqualTo(expected);
        } finally {
            lighttpd.destroy();
            if (!lighttpd.waitFor(10, TimeUnit.SECONDS)) lighttpd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(lighttpd.isAlive()).isFalse();
    }

    @Test
    void badInputIsOneLineAndStatusTwo(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run(60, "setup-lighttpd", "--dir", dir.toString(), "--path", "/../x", "--payload", "1KiB");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).doesNotContain("\n").contains("cannot be served as a file");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
