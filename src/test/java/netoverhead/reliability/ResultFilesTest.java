package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.report.ResultFiles;
import netoverhead.testing.Cli;
import netoverhead.testing.OneIteration;
import netoverhead.testing.ScriptedServer;

/** Result files are written whole through a rename, and never over an existing file unless asked. */
class ResultFilesTest {
    @Test
    void writesThroughATemporaryFileAndARename(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("r.json");
        ResultFiles.write(target, "first\n", false);
        Object inode = Files.getAttribute(target, "unix:ino");
        ResultFiles.write(target, "second\n", true);
        assertThat(target).hasContent("second");
        assertThat(Files.getAttribute(target, "unix:ino")).as("a new file renamed into place, not rewritten in place")
                .isNotEqualTo(inode);
        assertThat(list(dir)).containsExactly("r.json"); // no temporary file left behind
    }

    @Test
    void neverOverwritesUnlessAsked(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("r.csv"), "earlier\n");
        assertThatThrownBy(() -> ResultFiles.write(target, "later\n", false))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("use --force");
        assertThat(target).hasContent("earlier");
        assertThat(list(dir)).containsExactly("r.csv");
    }

    @Test
    void runsNeverOverwriteEarlierRunsAndForceOverwritesNamedFiles(@TempDir Path dir) throws Exception {
        String model = OneIteration.availableModels().findFirst().orElseThrow().getPayload().name();
        Path json = Files.writeString(dir.resolve("named.json"), "earlier\n");
        try (ScriptedServer server = ScriptedServer.start(1000, ScriptedServer.ok(1000))) {
            for (int i = 0; i < 2; i++) {
                Cli.Result r = Cli.run(120, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                        "--models", model, "--connections", "1", "--iterations", "1", "--out", dir.resolve("results").toString(),
                        "--json", json.toString(), "--force", "--no-progress");
                assertThat(r.exitCode()).as(r.stderr()).isZero();
            }
        }
        assertThat(Files.readString(json)).startsWith("{").contains("\"complete\" : true");
        // two runs, most likely within the same second: four files under distinct names
        assertThat(list(dir.resolve("results"))).hasSize(4).allMatch(n -> n.endsWith(".json") || n.endsWith(".csv"));
    }

    @Test
    void aFileThatCannotBeWrittenIsExplainedInWords(@TempDir Path dir) throws Exception {
        Path inProc = Path.of("/proc/netoverhead-no-such-dir");
        assertThatThrownBy(() -> ResultFiles.write(inProc.resolve("r.json"), "x\n", false))
                .hasMessage("cannot create " + inProc + ": no such file or directory");
        assertThat(inProc).doesNotExist();

        // the common kinds, as the file system reports them
        assertThat(ResultFiles.reason(new AccessDeniedException("/x/r.json"))).isEqualTo("permission denied");
        assertThat(ResultFiles.reason(new NoSuchFileException("/x"))).isEqualTo("no such file or directory");
        assertThat(ResultFiles.reason(new NotDirectoryException("/x"))).isEqualTo("not a directory");
        assertThat(ResultFiles.reason(new FileSystemException("/x", null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(ResultFiles.reason(new FileSystemException("/x"))).doesNotContain("/x", "Exception").isNotBlank();

        Path target = Files.writeString(dir.resolve("r.csv"), "earlier\n");
        try {
            ResultFiles.write(target, "later\n", false);
        } catch (FileAlreadyExistsException e) {
            assertThat(ResultFiles.reason(e)).isEqualTo("it exists (use --force to overwrite it)");
            return;
        }
        throw new AssertionError("an existing file was overwritten");
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
