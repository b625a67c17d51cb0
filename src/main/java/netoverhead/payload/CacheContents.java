package netoverhead.payload;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import netoverhead.config.Size;
import netoverhead.os.FileTrees;

/**
 * What the tool keeps in its cache directory ({@link PayloadFile#cacheDir()}): payload files, one per size,
 * the compiled native clients (native/), and temporary files of payload writes under way. Only these are
 * listed and removed: anything else in the directory is not the tool's and is left alone.
 */
public final class CacheContents {
    /** One thing in the cache: its path, what it is, and the bytes it takes on disk. */
    public record Entry(Path path, String what, long bytes) {}

    /** What {@link #clear(Path)} removed. */
    public record Cleared(int entries, long bytes) {}

    static final String NATIVE_DIR = "native";

    private CacheContents() {}

    /** The tool's entries in {@code dir}, payloads by size first; empty if the directory does not exist. */
    public static List<Entry> list(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) return entries;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (PayloadFile.isPayload(f) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    long size = Files.size(f);
                    entries.add(new Entry(f, "payload of " + Size.format(size), size));
                } else if (name.equals(NATIVE_DIR) && Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(new Entry(f, "native clients, compiled", treeBytes(f)));
                } else if (PayloadFile.isTemporary(f)) {
                    entries.add(new Entry(f, PayloadFile.abandoned(f) ? "part of a payload, left by a killed write"
                            : "part of a payload being written now", Files.size(f)));
                }
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> !PayloadFile.isPayload(e.path())).thenComparingLong(Entry::bytes));
        return entries;
    }

    /**
     * Removes every entry of {@link #list(Path)} but a payload that another run is writing now; a file that
     * vanished meanwhile is no error.
     */
    public static Cleared clear(Path dir) throws IOException {
        int removed = 0;
        long bytes = 0;
        for (Entry e : list(dir)) {
            if (PayloadFile.isTemporary(e.path()) && !PayloadFile.abandoned(e.path())) continue;
            FileTrees.remove(e.path());
            removed++;
            bytes += e.bytes();
        }
        return new Cleared(removed, bytes);
    }

    private static long treeBytes(Path root) throws IOException {
        long[] total = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
