package netoverhead.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.config.Size;

class PayloadFileTest {
    @Test
    void aPayloadIsWrittenWholeWithThePatternAndNothingElseIsLeft(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("payload.bin");
        int bytes = PayloadPattern.PERIOD * 3 + 17;
        PayloadFile.write(file, bytes);
        byte[] written = Files.readAllBytes(file);
        assertThat(written).hasSize(bytes);
        for (int i = 0; i < bytes; i += 4099) assertThat(written[i]).isEqualTo(PayloadPattern.at(i));
        assertThat(names(dir)).containsExactly("payload.bin");
    }

    @Test
    void aPayloadLargerThanTheFreeSpaceIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        assertThatThrownBy(() -> PayloadFile.write(dir.resolve("payload.bin"), free + (1L << 30)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no room for the " + Size.format(free + (1L << 30)) + " payload")
                .hasMessageContaining("free in " + dir.toAbsolutePath())
                .hasMessageNotContaining("\n");
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void theTemporaryFilesOfWritersThatHaveEndedAreTheOnlyOnesAbandoned(@TempDir Path dir) throws IOException {
        Path mine = Files.createFile(dir.resolve(".payload-" + ProcessHandle.current().pid() + "-1.tmp"));
        Path ended = Files.createFile(dir.resolve(".payload-" + endedPid() + "-2.tmp"));
        assertThat(PayloadFile.isTemporary(mine)).isTrue();
        assertThat(PayloadFile.abandoned(mine)).isFalse();
        assertThat(PayloadFile.abandoned(ended)).isTrue();
        assertThat(PayloadFile.isPayload(dir.resolve("payload-1024.bin"))).isTrue();
        assertThat(PayloadFile.isPayload(mine)).isFalse();
    }

    /** The pid of a process that has ended: a short-lived child, waited for. */
    static long endedPid() throws IOException {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
