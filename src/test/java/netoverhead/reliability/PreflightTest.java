package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More connections than the open-file limit allows: refused before anything starts, saying how to fix it. */
class PreflightTest {
    @Test
    void tooManyConnectionsForTheOpenFileLimitIsRefusedUpFront(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "unavailable: no prlimit here");
        Path err = dir.resolve("err.txt");
        // soft and hard limit both 256, so that the JVM cannot raise its own
        Process p = new ProcessBuilder("/usr/bin/prlimit", "--nofile=256:256",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "netoverhead.Main", "run", "--connections", "100,1000",
                "--iterations", "1", "--out", dir.resolve("results").toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr.strip().lines()).containsExactly("netoverhead: 1000 connections need about 1128 open files, "
                + "but the limit is 256; raise it with 'ulimit -n 1128' (the hard limit is in "
                + "/etc/security/limits.conf) or use fewer connections");
        assertThat(dir.resolve("results")).doesNotExist();
    }
}
