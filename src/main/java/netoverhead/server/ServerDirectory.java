package netoverhead.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import netoverhead.os.FileTrees;

/**
 * The temporary directory of a server the tool starts: its configuration, logs, and a document root that
 * holds the payload at the payload's path. Its name carries the owner's pid
 * ({@code netoverhead-lighttpd-<pid>-...}), so that a server left by a killed run can be recognised. It is
 * removed, with everything in it, on {@link #close()}.
 */
public final class ServerDirectory implements AutoCloseable {
    private final Path root;

    private ServerDirectory(Path root) {
        this.root = root;
    }

    public static ServerDirectory create(String kind) throws IOException {
        return new ServerDirectory(Files.createTempDirectory("netoverhead-" + kind + "-" + ProcessHandle.current().pid() + "-"));
    }

    public Path root() {
        return root;
    }

    public Path docRoot() {
        return root.resolve("htdocs");
    }

    /**
     * Makes the payload appear at {@code urlPath} under the document root, as a link to the cached payload
     * file, so that a large payload is never copied.
     */
    public void linkPayload(String urlPath, Path payloadFile) throws IOException {
        Path target = payloadPath(docRoot(), urlPath);
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(target, payloadFile.toAbsolutePath());
    }

    /** The file under {@code docRoot} that a server maps {@code urlPath} to; paths that escape it are refused. */
    public static Path payloadPath(Path docRoot, String urlPath) throws IOException {
        String relative = urlPath.startsWith("/") ? urlPath.substring(1) : urlPath;
        Path resolved = docRoot.resolve(relative).normalize();
        if (relative.isEmpty() || relative.endsWith("/") || !resolved.startsWith(docRoot.normalize())
                || relative.contains("..") || relative.contains("//")) {
            throw new IOException("--path '" + urlPath + "' cannot be served as a file (use a path such as /testpayload)");
        }
        return resolved;
    }

    @Override
    public void close() {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            FileTrees.remove(root);
        } catch (IOException e) {
            // a file the server still writes; the rest is gone, and the system's tmp cleaner takes what is left
        }
    }
}
