package netoverhead.payload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Payload files on disk, written once per size into a cache directory and reused across runs. */
public final class PayloadFile {
    private PayloadFile() {}

    public static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("netoverhead");
    }

    /** The cached payload file of this size, written on first use. */
    public static Path ofSize(long bytes) throws IOException {
        Path file = cacheDir().resolve("payload-" + bytes + ".bin");
        if (Files.isRegularFile(file) && Files.size(file) == bytes) return file;
        Files.createDirectories(file.getParent());
        write(file, bytes);
        return file;
    }

    /** Writes the payload to {@code file} through a temporary file, so a reader never sees half of it. */
    public static void write(Path file, long bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".payload", ".tmp");
        try {
            byte[] chunk = new byte[PayloadPattern.PERIOD * 16];
            try (OutputStream out = Files.newOutputStream(tmp)) {
                long written = 0;
                while (written < bytes) {
                    int n = (int) Math.min(chunk.length, bytes - written);
                    PayloadPattern.fill(written, chunk, 0, n);
                    out.write(chunk, 0, n);
                    written += n;
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
