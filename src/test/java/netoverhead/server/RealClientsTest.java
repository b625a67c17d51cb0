package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import netoverhead.testing.ServeProcess;

/**
 * {@code netoverhead serve} answering the clients people benchmark servers with (ApacheBench, curl, wrk) in
 * HTTP/1.0 and 1.1, with and without keep-alive, and pipelined: every request is answered, none fails, and each
 * tool ends on its own within its bounds (a count of requests, or a duration). Each test is skipped only when
 * its tool is not installed.
 */
class RealClientsTest {
    private static final int PAYLOAD = 128;
    private static ServeProcess serve;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        serve = ServeProcess.start(List.of(), "--payload", PAYLOAD + "B");
        url = "http://127.0.0.1:" + serve.port() + "/testpayload";
    }

    @AfterAll
    static void stop() throws Exception {
        if (serve != null) serve.close();
    }

    @Test
    void apacheBenchKeepAliveOverHttp10GetsEveryAnswerOnKeptConnections() throws Exception {
        // ab -k speaks HTTP/1.0 with "Connection: Keep-Alive" and waits for a close unless the answer says keep-alive
        String out = tool("apache2-utils", "ab", "-k", "-n", "2000", "-c", "10", "-s", "20", url);
        assertThat(number(out, "Complete requests:\\s+(\\d+)")).as(out).isEqualTo(2000);
        assertThat(number(out, "Failed requests:\\s+(\\d+)")).as(out).isZero();
        assertThat(number(out, "Keep-Alive requests:\\s+(\\d+)")).as(out).isEqualTo(2000);
        assertThat(out).doesNotContain("Non-2xx");
    }

    @Test
    void apacheBenchWithoutKeepAliveGetsEveryAnswerAndAClose() throws Exception {
        String out = tool("apache2-utils", "ab", "-n", "500", "-c", "10", "-s", "20", url);
        assertThat(number(out, "Complete requests:\\s+(\\d+)")).as(out).isEqualTo(500);
        assertThat(number(out, "Failed requests:\\s+(\\d+)")).as(out).isZero();
        assertThat(out).as("ab without -k keeps no connection").doesNotContain("Keep-Alive requests");
        assertThat(number(out, "HTML transferred:\\s+(\\d+)")).as(out).isEqualTo(500L * PAYLOAD);
    }

    @Test
    void curlOverHttp10ClosesUnlessAskedToKeepAlive() throws Exception {
        String format = "%{http_code} %{size_download} %{num_connects}\\n";
        String closing = tool("curl", "curl", "-sS", "--http1.0", "--max-time", "20", "-w", format,
                "-o", "/dev/null", "-o", "/dev/null", url, url);
        assertThat(closing.lines()).containsExactly("200 128 1", "200 128 1");
        String kept = tool("curl", "curl", "-sS", "--http1.0", "-H", "Connection: keep-alive", "--max-time", "20",
                "-w", format, "-o", "/dev/null", "-o", "/dev/null", url, url);
        assertThat(kept.lines()).as("the second request reuses the first connection").containsExactly("200 128 1", "200 128 0");
    }

    @Test
    void curlOverHttp11KeepsTheConnectionUnlessToldToClose() throws Exception {
        String format = "%{http_code} %{size_download} %{num_connects}\\n";
        String kept = tool("curl", "curl", "-sS", "--http1.1", "--max-time", "20", "-w", format,
                "-o", "/dev/null", "-o", "/dev/null", url, url);
        assertThat(kept.lines()).containsExactly("200 128 1", "200 128 0");
        String closing = tool("curl", "curl", "-sS", "--http1.1", "-H", "Connection: close", "--max-time", "20",
                "-w", format, "-o", "/dev/null", "-o", "/dev/null", url, url);
        assertThat(closing.lines()).containsExactly("200 128 1", "200 128 1");
    }

    @Test
    void wrkOverHttp11KeepAliveHasNoSocketErrors() throws Exception {
        String out = tool("wrk", "wrk", "-t1", "-c4", "-d1s", "--timeout", "5s", url);
        assertWrkAnsweredEverything(out);
    }

    @Test
    void wrkPipeliningEightRequestsAWriteHasNoSocketErrors() throws Exception {
        Path script = Files.createTempFile("pipeline", ".lua");
        try {
            Files.writeString(script, """
                    init = function(args)
                       local r = {}
                       for i = 1, 8 do r[i] = wrk.format(nil, nil) end
                       req = table.concat(r)
                    end
                    request = function() return req end
                    """);
            String out = tool("wrk", "wrk", "-t1", "-c4", "-d1s", "--timeout", "5s", "-s", script.toString(), url);
            assertWrkAnsweredEverything(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static void assertWrkAnsweredEverything(String out) {
        assertThat(number(out, "(\\d+) requests in")).as(out).isPositive();
        assertThat(out).as(out).doesNotContain("Socket errors").doesNotContain("Non-2xx");
    }

    /** Runs a tool to its end (at most 60 s, else it is killed and the test fails) and returns what it printed. */
    private static String tool(String debianPackage, String... command) throws Exception {
        assumeTrue(onPath(command[0]), command[0] + " is not installed (Debian package " + debianPackage + ")");
        Path out = Files.createTempFile("tool", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean ended = p.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(out);
            assertThat(ended).as(String.join(" ", command) + " ended by itself; it printed: " + printed).isTrue();
            assertThat(p.exitValue()).as(printed).isZero();
            return printed;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
