package netoverhead.payload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import netoverhead.config.Size;

/**
 * Payload files on disk, written once per size into the cache directory ({@link #cacheDir()}) and reused
 * across runs. A payload is written only where the file system has room for it, through a temporary file
 * named after the writing process, so that a reader never sees half of it and a writer that was killed
 * leaves nothing the next writer does not remove.
 */
public final class PayloadFile {
    /** Names the cache directory, ahead of $XDG_CACHE_HOME/netoverhead and ~/.cache/netoverhead. */
    public static final String CACHE_VARIABLE = "NETOVERHEAD_CACHE";
    /** What stays free on the file system after a payload is written, for the results and everything else. */
    static final long HEADROOM_BYTES = 64L << 20;

    private static final String PREFIX = "payload-";
    private static final Pattern TEMPORARY = Pattern.compile("\\.payload-(\\d+)-.*\\.tmp");
    private static final long PROGRESS_AFTER_NANOS = 2_000_000_000L;

    private PayloadFile() {}

    public static Path cacheDir() {
        String own = System.getenv(CACHE_VARIABLE);
        if (own != null && !own.isBlank()) return Path.of(own).toAbsolutePath();
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("netoverhead");
    }

    /** Whether {@code file} is a cached payload (by its name), as opposed to the other things in the cache. */
    public static boolean isPayload(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(".bin");
    }

    /** The cached payload file of this size, written on first use (with progress on stderr if it takes a while). */
    public static Path ofSize(long bytes) throws IOException {
        Path dir = cacheDir();
        Path file = dir.resolve(PREFIX + bytes + ".bin");
        if (Files.isRegularFile(file) && Files.size(file) == bytes) return file;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot make the payload cache " + dir + ": " + e.getMessage(), e);
        }
        removeAbandoned(dir);
        write(file, bytes);
        return file;
    }

    /**
     * Writes the payload to {@code file} through a temporary file, so a reader never sees half of it. Refused
     * before anything is written if the file system lacks the room; on any failure nothing is left behind.
     */
    public static void write(Path file, long bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        requireRoom(dir, bytes);
        Path tmp = Files.createTempFile(dir, ".payload-" + ProcessHandle.current().pid() + "-", ".tmp");
        // Ctrl-C or SIGTERM while writing: the part written goes with the process
        Thread removeOnExit = new Thread(() -> deleteQuietly(tmp), "netoverhead-remove-partial-payload");
        Runtime.getRuntime().addShutdownHook(removeOnExit);
        try {
            byte[] chunk = new byte[PayloadPattern.PERIOD * 16];
            long start = System.nanoTime();
            long nextReport = start + PROGRESS_AFTER_NANOS;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                long written = 0;
                while (written < bytes) {
                    int n = (int) Math.min(chunk.length, bytes - written);
                    PayloadPattern.fill(written, chunk, 0, n);
                    out.write(chunk, 0, n);
                    written += n;
                    if (System.nanoTime() >= nextReport) {
                        System.err.printf("netoverhead: writing the %s payload to %s: %s of %s (%d%%)%n",
                                Size.format(bytes), dir, Size.approximate(written), Size.approximate(bytes),
                                written * 100 / bytes);
                        nextReport = System.nanoTime() + PROGRESS_AFTER_NANOS;
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot write the " + Size.format(bytes) + " payload to " + dir + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
            try {
                Runtime.getRuntime().removeShutdownHook(removeOnExit);
            } catch (IllegalStateException e) {
                // shutting down: the hook removes the file
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file the next write removes as abandoned
        }
    }

    /** Refuses a payload that would leave less than {@link #HEADROOM_BYTES} free where it goes. */
    static void requireRoom(Path dir, long bytes) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        if (bytes > free - HEADROOM_BYTES) {
            boolean cache = dir.equals(cacheDir().toAbsolutePath());
            throw new IOException("no room for the " + Size.format(bytes) + " payload: " + Size.approximate(free)
                    + " free in " + dir + " (choose a smaller --payload"
                    + (cache ? ", or set " + CACHE_VARIABLE + " to a directory with room)" : ")"));
        }
    }

    /** Whether {@code file} is the temporary file of a payload write. */
    static boolean isTemporary(Path file) {
        return TEMPORARY.matcher(file.getFileName().toString()).matches();
    }

    /** Whether the temporary file {@code file} belongs to a writer that is no longer running. */
    static boolean abandoned(Path file) {
        Matcher m = TEMPORARY.matcher(file.getFileName().toString());
        if (!m.matches()) return false;
        try {
            return ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Removes the temporary files of writers that are no longer running (killed while writing). */
    private static void removeAbandoned(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".payload-*.tmp")) {
            for (Path f : files) {
                if (abandoned(f)) Files.deleteIfExists(f);
            }
        }
    }
}
