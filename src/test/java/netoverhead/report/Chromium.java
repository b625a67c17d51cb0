package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

/** Headless Chromium for the report's browser tests: each call on a fresh profile, bounded in time. */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The page's DOM after Chromium parsed it and ran its scripts. */
    static String dumpDom(Path dir, Path page) throws IOException, InterruptedException {
        return run(dir, "--dump-dom", page.toUri().toString());
    }

    /** A screenshot of the page in a window of the given size. */
    static BufferedImage screenshot(Path dir, Path page, int width, int height) throws IOException, InterruptedException {
        Path png = Files.createTempFile(dir, "shot", ".png");
        run(dir, "--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
                page.toUri().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG from Chromium").isNotNull();
        return image;
    }

    /** Runs Chromium with these arguments; returns its standard output. */
    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path log = Files.createTempFile(dir, "chromium", ".log");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s: " + Files.readString(log));
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return Files.readString(out);
    }
}
