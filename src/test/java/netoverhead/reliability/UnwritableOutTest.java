package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.Cli;
import netoverhead.testing.OneIteration;
import netoverhead.testing.ScriptedServer;

/**
 * --out passes its check before the run and breaks before the results are written: the finished run is
 * written into the temporary directory instead, named on stderr.
 */
class UnwritableOutTest {
    private static final int PAYLOAD = 2000;
    private static final Pattern FALLBACK = Pattern.compile("the results are in (\\S+) instead: (\\S+\\.json), (\\S+\\.csv)");

    /** A run whose server does {@code breakOut} on its first GET, after the --out check has passed. */
    private static Cli.Result runBreaking(Path out, ThrowingAction breakOut) throws Exception {
        String model = OneIteration.availableModels().findFirst().orElseThrow().getPayload().name();
        ScriptedServer.Script script = (socket, stream, index) -> {
            if (index == 0) breakOut.run();
            ScriptedServer.ok(PAYLOAD).serve(socket, stream, index);
        };
        try (ScriptedServer server = ScriptedServer.start(PAYLOAD, script)) {
            return Cli.run(120, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                    "--models", model, "--connections", "2", "--iterations", "1", "--out", out.toString(),
                    "--no-progress");
        }
    }

    private interface ThrowingAction {
        void run() throws IOException;
    }

    /** The fallback directory named on stderr, checked to hold a readable JSON and the CSV, then removed. */
    private static void assertSavedInTemp(Cli.Result r) throws IOException {
        Matcher m = FALLBACK.matcher(r.stderr());
        assertThat(m.find()).as(r.stderr()).isTrue();
        Path dir = Path.of(m.group(1));
        try {
            assertThat(dir.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(new ObjectMapper().readTree(dir.resolve(m.group(2)).toFile()).get("complete").asBoolean()).isTrue();
            assertThat(Files.readAllLines(dir.resolve(m.group(3)))).hasSize(2);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }

    @Test
    void aFileWhereTheResultsDirectoryWasSendsTheResultsToTheTemporaryDirectory(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results");
        Cli.Result r = runBreaking(out, () -> {
            Files.delete(out); // empty: the check removed its probe
            Files.writeString(out, "not a directory\n");
        });
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("| Setup |"); // the table was printed
        assertThat(r.stderr()).contains("could not write " + out + "/").contains(out + " is a file, not a directory")
                .doesNotContain("Exception");
        assertSavedInTemp(r);
    }

    @Test
    void aFullFileSystemSendsTheResultsToTheTemporaryDirectory(@TempDir Path dir) throws Exception {
        Path mount = Files.createDirectory(dir.resolve("tiny"));
        Assumptions.assumeTrue(mountTinyTmpfs(mount), "needs root to mount a tmpfs");
        try {
            Cli.Result r = runBreaking(mount, () -> fill(mount.resolve("filler")));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).contains("could not write " + mount + "/").contains("No space left on device");
            assertSavedInTemp(r);
        } finally {
            assertThat(command("umount", mount.toString())).isTrue();
        }
    }

    /** Writes until the file system is full. */
    private static void fill(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] block = new byte[4096];
            for (int i = 0; i < 1024; i++) out.write(block);
        } catch (IOException full) {
            return; // full, as wanted
        }
        throw new IOException("the tmpfs did not fill up");
    }

    private static boolean mountTinyTmpfs(Path at) throws Exception {
        return System.getProperty("user.name").equals("root")
                && command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", at.toString());
    }

    private static boolean command(String... args) throws Exception {
        Process p = new ProcessBuilder(List.of(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
