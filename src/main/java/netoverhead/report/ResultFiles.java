package netoverhead.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes result files whole or not at all, and never over an earlier run's unless asked. */
public final class ResultFiles {
    private ResultFiles() {}

    /** Writes through a temporary file in the same directory and a rename, so no reader sees half a file. */
    public static void write(Path target, String content, boolean overwrite) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileSystemException(target.toString(), null, dir + " is a file, not a directory");
        }
        Files.createDirectories(dir);
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target + " exists (use --force to overwrite it)");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A stem in {@code dir} that no earlier run used: {@code 2026-11-28T05-40-12-threaded-poll}, then -2, -3... */
    public static Path uniqueStem(Path dir, String stem) {
        Path candidate = dir.resolve(stem);
        for (int i = 2; taken(candidate); i++) candidate = dir.resolve(stem + "-" + i);
        return candidate;
    }

    private static boolean taken(Path stem) {
        return Files.exists(Path.of(stem + ".json")) || Files.exists(Path.of(stem + ".csv"));
    }

    /** Fails early, before anything is measured, when results could not be written into {@code dir}. */
    public static void checkWritable(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("cannot write results into " + dir + ": it is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".netoverhead-write-check", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot write results into " + dir + ": permission denied");
        } catch (FileSystemException e) {
            // the reason alone: the message repeats the path
            String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName() + " " + e.getFile();
            throw new IOException("cannot write results into " + dir + ": " + why);
        } catch (IOException e) {
            throw new IOException("cannot write results into " + dir + ": " + e.getMessage());
        }
    }
}
