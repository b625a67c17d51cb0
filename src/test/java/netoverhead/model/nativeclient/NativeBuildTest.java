package netoverhead.model.nativeclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.model.Availability;

/** The compile cache of the native clients: compiled once, keyed by the sources, safe to race. */
class NativeBuildTest {
    @TempDir
    Path cache;

    private NativeBuild build() {
        NativeBuild build = new NativeBuild(cache, NativeBuild.COMPILERS);
        build.unavailableReason().ifPresent(reason -> Assumptions.abort("native clients unavailable: " + reason));
        return build;
    }

    @Test
    void compilesOnceIntoAFileNamedByTheSourcesHash() throws Exception {
        NativeBuild build = build();
        Path first = build.program("poll.c");
        assertThat(first.getParent()).isEqualTo(cache);
        assertThat(first.getFileName().toString()).matches("netoverhead-poll-[0-9a-f]{16}");
        assertThat(Files.isExecutable(first)).isTrue();
        Object identity = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
        long modified = Files.getLastModifiedTime(first).toMillis();

        Path again = new NativeBuild(cache, NativeBuild.COMPILERS).program("poll.c");
        assertThat(again).isEqualTo(first);
        assertThat(Files.readAttributes(again, BasicFileAttributes.class).fileKey()).isEqualTo(identity);
        assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(modified);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aChangedSourceOrCompilerGetsAnotherName() throws Exception {
        Path cc = Path.of("/usr/bin/cc");
        Map<String, byte[]> sources = new LinkedHashMap<>();
        sources.put("poll.c", NativeBuild.resource("poll.c"));
        sources.put("http.c", NativeBuild.resource("http.c"));
        String original = NativeBuild.hash(cc, sources);
        assertThat(NativeBuild.hash(cc, sources)).isEqualTo(original);

        Map<String, byte[]> changed = new LinkedHashMap<>(sources);
        changed.put("http.c", (new String(sources.get("http.c"), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(NativeBuild.hash(cc, changed)).isNotEqualTo(original);
        assertThat(NativeBuild.hash(Path.of("/usr/bin/clang"), sources)).isNotEqualTo(original);
    }

    @Test
    void concurrentBuildsAgreeAndLeaveNothingBehind() throws Exception {
        build();
        Callable<Path> compile = () -> new NativeBuild(cache, NativeBuild.COMPILERS).program("threaded.c");
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Path>> builds = List.of(pool.submit(compile), pool.submit(compile), pool.submit(compile));
            Path first = builds.getFirst().get();
            for (Future<Path> f : builds) assertThat(f.get()).isEqualTo(first);
            assertThat(Files.isExecutable(first)).isTrue();
        }
        Process p = new ProcessBuilder(compile.call().toString(), "bad").start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).startsWith("FAIL\t");
        p.waitFor();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void withoutACompilerTheModelsSayWhichWereLookedFor() {
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the reason checked is Linux's");
        NativeBuild none = new NativeBuild(cache, List.of("netoverhead-no-such-cc", "netoverhead-no-such-gcc"));
        String reason = "no C compiler (looked for netoverhead-no-such-cc, netoverhead-no-such-gcc on PATH)";
        assertThat(none.unavailableReason()).contains(reason);
        assertThat(new NativeThreadedModel(none).availability()).isEqualTo(Availability.unavailable(reason));
        assertThat(new NativePollModel(none).availability()).isEqualTo(Availability.unavailable(reason));
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".build-")).toList();
        }
    }
}
