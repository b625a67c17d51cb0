package netoverhead.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create " + dir + ": " + reason(e), e);
        }
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "it exists (use --force to overwrite it)");
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
        } catch (IOException e) {
            throw new IOException("cannot write results into " + dir + ": " + reason(e), e);
        }
    }

    /**
     * Why a file operation failed, in words and without the path the caller names anyway: {@code permission
     * denied}, {@code no such file or directory}, {@code not a directory}, or the system's own reason
     * ({@code No space left on device}); never an exception's class name.
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileAlreadyExistsException fs && fs.getReason() == null) return "it already exists";
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null) return fs.getReason();
            return "the file system refused it";
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "input/output error";
    }
}
