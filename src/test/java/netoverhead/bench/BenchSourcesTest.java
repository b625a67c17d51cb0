package netoverhead.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

import netoverhead.harness.ChildCommand;

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
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-cp", ChildCommand.classPath()));
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

    record Bench(int exitCode, String stdout, String stderr) {}

    private static Bench bench(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ChildCommand.javaBinary(), "-cp",
                classes + File.pathSeparator + ChildCommand.classPath(), "Bench"));
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
