package netoverhead.os;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads small kernel files such as those under /proc/sys. They report a size of 0, and many of them
 * answer only a read that starts at offset 0: {@code Files.readAllBytes} probes with a one-byte read first
 * and then gets end-of-file, returning "2" for "287901 383870 575802". One large read gets it all.
 */
public final class ProcFiles {
    private ProcFiles() {}

    public static String read(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            byte[] buffer = new byte[64 * 1024];
            int total = 0;
            int n;
            while (total < buffer.length && (n = in.read(buffer, total, buffer.length - total)) > 0) total += n;
            return new String(buffer, 0, total, StandardCharsets.UTF_8);
        }
    }
}
