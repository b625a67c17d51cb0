package netoverhead.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import netoverhead.process.JavaCommand;

/**
 * bench/run runs bench/*.java as a source program against the tool's jar, so nothing else compiles it: a
 * change to the classes it reads (the JSON result types) would break it unseen until the next bench. Here it
 * is compiled against this build, and its option errors are checked the way a user meets them.
 */
class BenchSourcesTest {
    @TempDir
    static Path classes;

    @BeforeAll
    static void compile() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertThat(sources).contains(Path.of("bench", "Bench.java").toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-cp", JavaCommand.classPath()));
        boolean compiled = javac.getTask(diagnostics, null, null, options, null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(sources)).call();
        assertThat(compiled).as("bench sources compile:\n%s", diagnostics).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--rounds|x|--rounds takes a whole number of at least 1, not 'x'",
            "--iterations|0|--iterations takes a whole number of at least 1, not '0'",
            "--only|java-native,speed|no section 'speed'",
            "--frobnicate|now|unknown argument --frobnicate"})
    void aBadOptionEndsTheBenchWithOneLineAndStatusTwo(String option, String value, String message) throws Exception {
        Bench bench = bench(option, value);
        assertThat(bench.exitCode).isEqualTo(2);
        assertThat(bench.stderr.lines().toList()).singleElement().asString().startsWith("bench: " + message + " (use ");
        assertThat(bench.stdout).isEmpty();
    }

    @Test
    void anOptionWithoutItsValueIsNamed() throws Exception {
        Bench bench = bench("--rounds");
        assertThat(bench.exitCode).isEqualTo(2);
        assertThat(bench.stderr.strip()).startsWith("bench: --rounds needs a value");
    }

    @Test
    void theMedianIntervalHasTheCoverageTheBinomialGives() throws Exception {
        // three rounds: only the smallest to the largest, which misses the median when all three fall on one
        // side of it, 2 x (1/2)^3 of the time
        assertThat(interval(0.92, 1.02, 0.95)).containsExactly(0.95, 0.92, 1.02, 0.75);
        // five: still short of 95 percent; six: the first to reach it (1 - 2/64)
        assertThat(interval(5, 1, 4, 2, 3)).containsExactly(3.0, 1.0, 5.0, 1 - 2 / 32.0);
        assertThat(interval(6, 1, 4, 2, 3, 5)).containsExactly(3.5, 1.0, 6.0, 1 - 2 / 64.0);
        // nine pairs: the second to the eighth (1 - 2 x (1 + 9) / 512); the third to the seventh would cover 82 percent
        assertThat(interval(9, 8, 7, 6, 5, 4, 3, 2, 1)).containsExactly(5.0, 2.0, 8.0, 1 - 20 / 512.0);
        // fifteen start-ups: the fourth to the twelfth (1 - 2 x (1 + 15 + 105 + 455) / 32768)
        assertThat(interval(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1))
                .containsExactly(8.0, 4.0, 12.0, 1 - 2 * 576 / 32768.0);
    }

    /** MedianInterval.of(values) as [median, low, high, coverage], from the classes compiled above. */
    private static List<Double> interval(double... values) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                BenchSourcesTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass("MedianInterval");
            Method of = type.getDeclaredMethod("of", List.class);
            of.setAccessible(true);
            Object m = of.invoke(null, Arrays.stream(values).boxed().toList());
            List<Double> parts = new ArrayList<>();
            for (String part : List.of("median", "low", "high", "coverage")) {
                Method accessor = type.getDeclaredMethod(part);
                accessor.setAccessible(true);
                parts.add((Double) accessor.invoke(m));
            }
            return parts;
        }
    }

    record Bench(int exitCode, String stdout, String stderr) {}

    private static Bench bench(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JavaCommand.javaBinary(), "-cp",
                classes + File.pathSeparator + JavaCommand.classPath(), "Bench"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(classes, "out", ".txt");
        Path err = Files.createTempFile(classes, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the bench did not exit within 60 s on bad options");
        }
        return new Bench(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
