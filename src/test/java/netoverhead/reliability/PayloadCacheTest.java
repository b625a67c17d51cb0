package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.payload.PayloadFile;
import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;

/**
 * The payload cache as a user meets it: a payload the disk cannot hold is refused in one line that names the
 * free space and where, a write that fails half-way leaves nothing, and {@code cache} shows and clears what
 * runs left there. Each test has a cache directory of its own (NETOVERHEAD_CACHE).
 */
class PayloadCacheTest {
    @Test
    void aRunWhosePayloadTheDiskCannotHoldIsRefusedInOneLineAndWritesNothing(@TempDir Path cache) throws Exception {
        int port = TestServers.freePort();
        Cli.Result r = Cli.run(Map.of(PayloadFile.CACHE_VARIABLE, cache.toString()), 120,
                "run", "127.0.0.1", Integer.toString(port), "--models", "poll", "--iterations", "1",
                "--payload", "4000000TiB", "--out", cache.resolve("out").toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        List<String> errors = r.stderr().lines().filter(l -> l.contains("payload")).toList();
        assertThat(errors).singleElement().asString()
                .contains("no room for the 4000000TiB payload").contains(" free in " + cache);
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("did not answer");
        assertThat(names(cache)).doesNotContain("payload-" + (4_000_000L << 40) + ".bin")
                .noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void aPayloadWriteThatFailsHalfWayLeavesNothingAndSaysWhy(@TempDir Path cache) throws Exception {
        // a file size limit of 1 MiB (ulimit -f counts 1024-byte blocks); the JVM ignores SIGXFSZ, so the
        // write fails with EFBIG part-way through the 4 MiB payload, after the free-space check has passed
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = cache.resolve("../serve-" + ProcessHandle.current().pid() + ".err").normalize();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "ulimit -f 1024 && exec \"$@\"", "sh", java,
                "-cp", System.getProperty("java.class.path"), "netoverhead.Main", "serve",
                "--port", Integer.toString(TestServers.freePort()), "--payload", "4MiB", "--quiet")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        pb.environment().put(PayloadFile.CACHE_VARIABLE, cache.toString());
        Process serve = pb.start();
        try {
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("serve ends").isTrue();
            String stderr = Files.readString(err);
            assertThat(serve.exitValue()).as(stderr).isEqualTo(1);
            assertThat(stderr.strip()).doesNotContain("\n").doesNotContain("Exception")
                    .startsWith("netoverhead: cannot write the 4MiB payload to " + cache)
                    .containsIgnoringCase("file too large");
            assertThat(names(cache)).isEmpty();
        } finally {
            serve.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    @Test
    void cacheShowsWhatRunsLeftAndClearRemovesOnlyThat(@TempDir Path cache) throws Exception {
        Map<String, String> env = Map.of(PayloadFile.CACHE_VARIABLE, cache.toString());
        Path notOurs = Files.writeString(cache.resolve("notes.txt"), "a user's file");
        Cli.Result empty = Cli.run(env, 60, "cache");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.stdout()).contains("cache: " + cache).contains("empty");

        Cli.Result run = Cli.run(env, 180, "run", "127.0.0.1", Integer.toString(TestServers.freePort()), "--models",
                "poll", "--iterations", "1", "--connections", "2", "--payload", "3MiB", "--out", cache.resolve("out").toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(cache.resolve("payload-" + (3L << 20) + ".bin")).hasSize(3L << 20);

        Cli.Result listed = Cli.run(env, 60, "cache");
        assertThat(listed.stdout()).contains("payload-" + (3L << 20) + ".bin").contains("3.00 MiB")
                .contains("payload of 3MiB").contains("total").doesNotContain("notes.txt");

        Cli.Result cleared = Cli.run(env, 60, "cache", "--clear");
        assertThat(cleared.exitCode()).isZero();
        assertThat(cleared.stdout()).startsWith("removed 1 entry (3.00 MiB) from " + cache);
        assertThat(names(cache)).containsExactlyInAnyOrder("notes.txt", "out");
        assertThat(notOurs).hasContent("a user's file");
        assertThat(Cli.run(env, 60, "cache").stdout()).contains("empty");
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
