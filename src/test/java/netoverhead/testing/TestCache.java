package netoverhead.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import netoverhead.payload.CacheContents;
import netoverhead.payload.PayloadFile;

/**
 * The tests' own cache directory (pom.xml points NETOVERHEAD_CACHE at target/test-cache, so that the payload
 * files and native clients the tests write never land in the user's ~/.cache): emptied and removed when the
 * test session ends. Registered through META-INF/services.
 */
public final class TestCache implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Path dir = PayloadFile.cacheDir();
        // only the directory pom.xml names: never a user's own cache, when tests run some other way
        if (System.getenv(PayloadFile.CACHE_VARIABLE) == null || !dir.getFileName().toString().equals("test-cache")) return;
        try {
            CacheContents.clear(dir);
            if (Files.isDirectory(dir)) {
                try (var left = Files.list(dir)) {
                    if (left.findAny().isEmpty()) Files.delete(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the tests' cache " + dir, e);
        }
    }
}
