package netoverhead.server;

import static netoverhead.testing.ScriptedServer.ascii;
import static netoverhead.testing.ScriptedServer.body;
import static netoverhead.testing.ScriptedServer.concat;
import static netoverhead.testing.ScriptedServer.okHead;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.CannedServer;
import netoverhead.testing.Cli;
import netoverhead.testing.OneIteration;
import netoverhead.testing.ScriptedServer;

/**
 * The probe before a run against servers the tool did not start, through the real command line: chunked and
 * until-close bodies, HEAD refused, redirects with and without --follow, names that do not resolve, the
 * probe's timeouts, and bodies whose length differs from the payload's.
 */
class ExternalServerProbeTest {
    private static final int PAYLOAD = 3000;
    private static final String MODELS = "poll,threaded,native-poll";

    @Test
    void aChunkedServerIsMeasuredAfterOneGetTeachesThePayloadsSize(@TempDir Path dir) throws Exception {
        byte[] chunked = concat(ascii("HTTP/1.1 200 OK\r\nServer: chunky\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "7d0\r\n"), body(0, 2000), ascii("\r\n3e8;x=y\r\n"), body(2000, 1000), ascii("\r\n0\r\n\r\n"));
        try (CannedServer server = CannedServer.answering(List.of(chunked))) {
            Cli.Result r = run(dir, server.port(), "--verify");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("HEAD /testpayload gives no length (chunked): reading one GET")
                    .contains("GET /testpayload sent a body of 3000 bytes (chunked); every job must receive that many");
            assertEveryModelDownloadedTheWholePayload(dir, 3);
        }
    }

    @Test
    void aServerThatEndsItsBodyByClosingIsMeasured(@TempDir Path dir) throws Exception {
        byte[] untilClose = concat(ascii("HTTP/1.0 200 OK\r\nServer: old\r\n\r\n"), body(0, PAYLOAD));
        try (CannedServer server = CannedServer.answering(List.of(untilClose))) {
            Cli.Result r = run(dir, server.port());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("HEAD /testpayload gives no length (until close)")
                    .contains("GET /testpayload sent a body of 3000 bytes (until close)");
            assertEveryModelDownloadedTheWholePayload(dir, 3);
        }
    }

    @Test
    void aServerThatRefusesHeadIsAskedWithAGet(@TempDir Path dir) throws Exception {
        try (ScriptedServer server = ScriptedServer.answering((request, out) -> out.write(request.startsWith("HEAD ")
                ? ascii("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                : concat(okHead(PAYLOAD), body(0, PAYLOAD))))) {
            Cli.Result r = run(dir, server.port());
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("HEAD /testpayload answers 405 Method Not Allowed: reading one GET")
                    .contains("GET /testpayload sent a body of 3000 bytes (Content-Length)")
                    .doesNotContain("must serve the payload");
            assertEveryModelDownloadedTheWholePayload(dir, 3);
        }
    }

    @Test
    void aGetThatTakesLongerThanTwoSecondsReportsItsProgress(@TempDir Path dir) throws Exception {
        // HEAD refused; the GET's body stops for 3 s after its first 750 bytes, so the probe reports where it is
        try (ScriptedServer server = ScriptedServer.answering((request, out) -> {
            if (request.startsWith("HEAD ")) {
                out.write(ascii("HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n"));
                return;
            }
            out.write(concat(okHead(PAYLOAD), body(0, 750)));
            out.flush();
            Thread.sleep(3000);
            out.write(body(750, 750));
            out.flush();
            Thread.sleep(300);
            out.write(body(1500, 1500));
        })) {
            Cli.Result r = Cli.run(120, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                    "--models", "poll", "--iterations", "1", "--connections", "1", "--payload", PAYLOAD + "B",
                    "--out", dir.resolve("results").toString(), "--no-progress");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("HEAD /testpayload answers 501 Not Implemented: reading one GET")
                    .contains("reading GET /testpayload to learn the payload's size: 1500 bytes so far")
                    .contains("GET /testpayload sent a body of 3000 bytes (Content-Length)");
        }
    }

    @Test
    void aRedirectIsOneLineNamingItsLocation(@TempDir Path dir) throws Exception {
        try (ScriptedServer server = ScriptedServer.answering((request, out) -> out.write(
                ascii("HTTP/1.1 301 Moved Permanently\r\nLocation: /moved\r\nContent-Length: 0\r\n\r\n")))) {
            Cli.Result r = run(dir, server.port());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr().strip()).isEqualTo("netoverhead: the server at 127.0.0.1:" + server.port()
                    + " redirects /testpayload to /moved (301 Moved Permanently); give --path /moved, or --follow to "
                    + "follow it");
        }
    }

    @Test
    void followFollowsARedirectOnTheSameHostAndSaysWhereItWent(@TempDir Path dir) throws Exception {
        int[] port = new int[1];
        try (ScriptedServer server = ScriptedServer.answering((request, out) -> {
            if (request.startsWith("HEAD /testpayload ") || request.startsWith("GET /testpayload ")) {
                out.write(ascii("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + port[0]
                        + "/moved?v=1\r\nContent-Length: 0\r\n\r\n"));
            } else if (request.startsWith("HEAD /moved?v=1 ")) {
                out.write(okHead(PAYLOAD));
            } else if (request.startsWith("GET /moved?v=1 ")) {
                out.write(concat(okHead(PAYLOAD), body(0, PAYLOAD)));
            } else {
                out.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
            }
        })) {
            port[0] = server.port();
            Cli.Result r = run(dir, server.port(), "--follow");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("--follow: /testpayload redirects to http://127.0.0.1:" + port[0] + "/moved?v=1")
                    .contains("--follow: /testpayload led to http://127.0.0.1:" + port[0] + "/moved?v=1; the run "
                            + "downloads from there");
            JsonNode root = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
            assertThat(root.get("settings").get("path").asText()).isEqualTo("/moved?v=1");
            assertEveryModelDownloadedTheWholePayload(dir, 3);
        }
    }

    @Test
    void followRefusesARedirectToAnotherHostInOneLine(@TempDir Path dir) throws Exception {
        try (ScriptedServer server = ScriptedServer.answering((request, out) -> out.write(
                ascii("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.2:9/x\r\n\r\n")))) {
            Cli.Result r = run(dir, server.port(), "--follow");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr().strip()).isEqualTo("netoverhead: the server at 127.0.0.1:" + server.port()
                    + " redirects /testpayload to http://127.0.0.2:9/x (307 Temporary Redirect); another host: run "
                    + "against 127.0.0.2 9 instead");
        }
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidSo(@TempDir Path dir) throws Exception {
        for (String kind : List.of("external", "embedded")) {
            Cli.Result r = Cli.run(60, "run", "nosuch.invalid", "8000", "--server", kind, "--models", "poll",
                    "--iterations", "1", "--connections", "1", "--payload", "1KiB", "--out", dir.toString(),
                    "--no-progress");
            assertThat(r.exitCode()).as(kind).isEqualTo(1);
            assertThat(r.stderr().strip()).as(kind).isEqualTo("netoverhead: cannot resolve host nosuch.invalid");
        }
    }

    @Test
    void theProbeWaitsAsLongAsTheReadTimeoutSays(@TempDir Path dir) throws Exception {
        try (ScriptedServer silent = ScriptedServer.answering((request, out) -> Thread.sleep(5_000))) {
            Cli.Result r = run(dir, silent.port(), "--read-timeout", "700ms");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr().strip()).isEqualTo("netoverhead: the server at 127.0.0.1:" + silent.port()
                    + " does not answer HTTP: no answer to HEAD /testpayload within 700 ms (--read-timeout)");
        }
    }

    @Test
    void theProbeWaitsAsLongAsTheConnectTimeoutSays(@TempDir Path dir) throws Exception {
        try (OneIteration.FullBacklog silent = new OneIteration.FullBacklog()) {
            Cli.Result r = run(dir, silent.port(), "--connect-timeout", "700ms");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr().strip()).startsWith("netoverhead: nothing answers at 127.0.0.1:" + silent.port()
                    + " (no answer to a connect within 700 ms (--connect-timeout); start your server there");
        }
    }

    @Test
    void aBodyOfAnotherLengthThanThePayloadIsAJobErrorOfItsOwnKind(@TempDir Path dir) throws Exception {
        // HEAD says 3000; every other GET answers a well-framed body of 2000 bytes
        try (ScriptedServer server = ScriptedServer.start(PAYLOAD, ScriptedServer.alternate(
                ScriptedServer.ok(PAYLOAD), ScriptedServer.ok(2000)))) {
            Cli.Result r = Cli.run(120, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                    "--models", "poll", "--iterations", "1", "--connections", "4", "--payload", "3000B",
                    "--out", dir.resolve("results").toString(), "--json", dir.resolve("run.json").toString(),
                    "--no-progress");
            assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
            JsonNode it = new ObjectMapper().readTree(dir.resolve("run.json").toFile())
                    .get("runs").get(0).get("iterations").get(0);
            assertThat(it.get("errorsByKind").get("length").asInt()).isEqualTo(2);
            List<String> messages = new ArrayList<>();
            for (JsonNode job : it.get("jobs")) {
                if (!job.get("error").isNull()) messages.add(job.get("error").asText() + ": " + job.get("message").asText());
            }
            assertThat(messages).containsExactly("length: body of 2000 bytes, not the payload's 3000",
                    "length: body of 2000 bytes, not the payload's 3000");
        }
    }

    private static Cli.Result run(Path dir, int port, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "127.0.0.1", Integer.toString(port), "--server", "external",
                "--models", MODELS, "--iterations", "1", "--connections", "3", "--payload", PAYLOAD + "B",
                "--out", dir.resolve("results").toString(), "--json", dir.resolve("run.json").toString(),
                "--no-progress"));
        args.addAll(List.of(more));
        return Cli.run(180, args.toArray(String[]::new));
    }

    /** Every model of {@link #MODELS} ran, and each job received the whole payload without an error. */
    private static void assertEveryModelDownloadedTheWholePayload(Path dir, int connections) throws Exception {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertThat(root.get("settings").get("payloadBytes").asLong()).isEqualTo(PAYLOAD);
        List<String> models = new ArrayList<>();
        for (JsonNode run : root.get("runs")) {
            models.add(run.get("model").asText());
            JsonNode figures = run.get("iterations").get(0).get("figures");
            assertThat(figures.get("errors").asInt()).as(run.get("model").asText()).isZero();
            assertThat(figures.get("bytesReceived").asLong()).isEqualTo((long) connections * PAYLOAD);
            assertThat(figures.get("bytesExpected").asLong()).isEqualTo((long) connections * PAYLOAD);
        }
        assertThat(models).containsExactly("poll", "threaded", "native-poll");
    }
}
