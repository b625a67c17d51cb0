package netoverhead.model.netty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import netoverhead.os.ProcFiles;

/** What the native transports' availability checks share. */
final class NativeTransports {
    private static final Path IO_URING_DISABLED = Path.of("/proc/sys/kernel/io_uring_disabled");

    private NativeTransports() {}

    static String osName() {
        return System.getProperty("os.name");
    }

    static boolean isLinux() {
        return osName().toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** The value of /proc/sys/kernel/io_uring_disabled (0, 1 or 2), or null where the kernel has no such switch. */
    static String ioUringDisabled() {
        try {
            return ProcFiles.read(IO_URING_DISABLED).strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The message of a cause and of its root, which usually names the missing library or system call. */
    static String describe(Throwable t) {
        if (t == null) return "no reason given";
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (root != t && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message.replace('\n', ' ').replace('\t', ' ');
    }
}
