package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import netoverhead.testing.Cli;

/** Bad command lines through the real CLI: one line that says what is wrong, exit 2, no stack trace, no run. */
class BadCommandLineTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> badRunLines() {
        return Stream.of(
                Arguments.of(List.of("--models", "nosuch"), "unknown model 'nosuch'"),
                Arguments.of(List.of("--connections", "0"), "--connections must be at least 1, not 0"),
                Arguments.of(List.of("--connections", "10,-5"), "--connections must be at least 1, not -5"),
                Arguments.of(List.of("--connections", "many"), "'many' is not an int"),
                Arguments.of(List.of("--iterations", "-1"), "--iterations must be at least 1, not -1"),
                Arguments.of(List.of("--payload", "12XB"), "'12XB' is not a size"),
                Arguments.of(List.of("--payload", "0"), "--payload must be at least 1 byte"),
                Arguments.of(List.of("--payload", "1.5B"), "not a whole number of bytes"),
                Arguments.of(List.of("127.0.0.1", "70000"), "PORT must be between 1 and 65535, not 70000"),
                Arguments.of(List.of("127.0.0.1", "0"), "PORT must be between 1 and 65535, not 0"),
                Arguments.of(List.of("127.0.0.1", "http"), "'http' is not an int"),
                Arguments.of(List.of("--connect-timeout", "soon"), "'soon' is not a duration"),
                Arguments.of(List.of("--read-timeout", "0"), "'0' is out of range"),
                Arguments.of(List.of("--no-such-option"), "Unknown option: '--no-such-option'"),
                Arguments.of(List.of("--server", "apache"), "--server must be embedded, lighttpd, nginx or external"),
                Arguments.of(List.of("--client-cpus", "1-"), "--client-cpus: '1-' is not a CPU list (e.g. 1, 0,2 or 2-3)"),
                Arguments.of(List.of("--server-cpus", "4095"), "--server-cpus 4095: this process may run on CPUs "),
                Arguments.of(List.of("--server", "external", "--server-cpus", "0"),
                        "--server-cpus places a server the tool starts; with --server external there is none"),
                Arguments.of(List.of("--start-priority", "high"), "--start-priority must be normal or realtime, not 'high'"),
                Arguments.of(List.of("--client-cpus", "0", "--models", "nosuch"), "unknown model 'nosuch'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRunLines")
    void badRunLineIsOneLineAndExitTwo(List<String> args, String says) throws Exception {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(args);
        all.addAll(List.of("--iterations", "1", "--out", dir.resolve("results").toString()).subList(
                args.contains("--iterations") ? 2 : 0, 4));
        assertBadUsage(Cli.run(60, all.toArray(String[]::new)), says);
        assertThat(dir.resolve("results")).as("nothing ran, nothing was written").satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void outputDirectoryThatCannotBeWritten() throws Exception {
        // a path below a regular file can never be a directory, even for root (who ignores permissions)
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertBadUsage(Cli.run(60, "run", "--iterations", "1", "--out", file.resolve("results").toString()),
                "cannot write results into " + file.resolve("results") + ": Not a directory");
        assertBadUsage(Cli.run(60, "run", "--iterations", "1", "--out", file.toString()),
                "cannot write results into " + file + ": it is a file, not a directory");
        // /proc refuses every new directory, root's too: said in words, never as an exception's name
        Path inProc = Path.of("/proc/netoverhead-no-such-dir");
        assertBadUsage(Cli.run(60, "run", "--iterations", "1", "--out", inProc.toString()),
                "cannot write results into " + inProc + ": no such file or directory");
    }

    @Test
    void existingResultFileIsNotOverwrittenWithoutForce() throws Exception {
        Path json = Files.writeString(dir.resolve("earlier.json"), "{\"earlier\": true}");
        assertBadUsage(Cli.run(60, "run", "--iterations", "1", "--json", json.toString(),
                "--out", dir.resolve("results").toString()), json + " exists (use --force to overwrite it)");
        assertThat(json).hasContent("{\"earlier\": true}");
    }

    @Test
    void serveWithBadPort() throws Exception {
        assertBadUsage(Cli.run(60, "serve", "--port", "65536"), "--port must be between 0 and 65535, not 65536");
    }

    @Test
    void serveOnAPortAlreadyInUseSaysSo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli.Result r = Cli.run(60, "serve", "--port", Integer.toString(taken.getLocalPort()), "--payload", "1KiB");
            assertThat(r.exitCode()).isEqualTo(1);
            assertOneLine(r.stderr());
            assertThat(r.stderr()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("Address already in use").contains("choose one with --port");
        }
    }

    private static void assertBadUsage(Cli.Result r, String says) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertOneLine(r.stderr());
        assertThat(r.stderr()).startsWith("netoverhead: ").contains(says);
        assertThat(r.stdout()).isEmpty();
    }

    private static void assertOneLine(String stderr) {
        assertThat(stderr.strip().lines().count()).as(stderr).isEqualTo(1);
        assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
