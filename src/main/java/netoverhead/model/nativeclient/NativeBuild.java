package netoverhead.model.nativeclient;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import netoverhead.payload.PayloadFile;

/**
 * Compiles the native clients, whose C sources ship inside the jar under {@code /native/}, with the
 * system's C compiler at first use, into a cache directory. A program's file name carries a hash of its
 * sources, the compiler and the flags, so a changed source compiles anew and an unchanged one never
 * again. Each build happens in a directory of its own and ends with an atomic rename, so that concurrent
 * runs never see half a program or trip over each other.
 */
public final class NativeBuild {
    /** Looked for on PATH in this order. */
    public static final List<String> COMPILERS = List.of("cc", "gcc", "clang");
    static final List<String> FLAGS = List.of("-O2", "-pthread");
    /** What every client is compiled with, besides its own main file. */
    static final List<String> SHARED_SOURCES = List.of("client.h", "protocol.c", "job.c", "window.c", "http.c",
            "conversation.c", "churn.c", "idle.c", "latency.c");
    private static final long COMPILE_TIMEOUT_SECONDS = 180;

    private static final NativeBuild DEFAULT = new NativeBuild(PayloadFile.cacheDir().resolve("native"), COMPILERS);

    private final Path cacheDir;
    private final List<String> compilers;

    public NativeBuild(Path cacheDir, List<String> compilers) {
        this.cacheDir = cacheDir;
        this.compilers = compilers;
    }

    public static NativeBuild standard() {
        return DEFAULT;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Why the native clients cannot be built here, or empty if they can be tried. */
    public Optional<String> unavailableReason() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) return Optional.of("not Linux (" + os + ")");
        if (compiler().isEmpty()) {
            return Optional.of("no C compiler (looked for " + String.join(", ", compilers) + " on PATH)");
        }
        return Optional.empty();
    }

    /** The first of the compilers that is an executable on PATH. */
    public Optional<Path> compiler() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : compilers) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The compiled program whose main file is {@code mainSource} (say {@code threaded.c}), compiled now if
     * the cache has no program for these exact sources.
     */
    public synchronized Path program(String mainSource) throws IOException {
        Path cc = compiler().orElseThrow(() -> new IOException(unavailableReason().orElse("no C compiler")));
        Map<String, byte[]> sources = sources(mainSource);
        String name = "netoverhead-" + mainSource.replace(".c", "") + "-" + hash(cc, sources);
        Path program = cacheDir.resolve(name);
        if (Files.isRegularFile(program) && Files.isExecutable(program)) return program;
        Files.createDirectories(cacheDir);
        Path work = Files.createTempDirectory(cacheDir, ".build-");
        try {
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                Files.write(work.resolve(source.getKey()), source.getValue());
            }
            compile(cc, work, mainSource);
            Files.move(work.resolve("program"), program, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTree(work);
        }
        return program;
    }

    private static void compile(Path cc, Path work, String mainSource) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(cc.toString());
        command.addAll(FLAGS);
        command.add("-o");
        command.add("program");
        command.add(mainSource);
        SHARED_SOURCES.stream().filter(s -> s.endsWith(".c")).forEach(command::add);
        Path log = work.resolve("compiler.log");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cc + " did not finish compiling " + mainSource + " within "
                        + COMPILE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while compiling " + mainSource);
        }
        if (p.exitValue() != 0) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            String firstError = output.lines().filter(l -> l.contains("error")).findFirst()
                    .orElse(output.lines().findFirst().orElse("no output"));
            throw new IOException(cc + " failed to compile " + mainSource + " (exit " + p.exitValue() + "): "
                    + firstError.strip());
        }
    }

    private static Map<String, byte[]> sources(String mainSource) throws IOException {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        sources.put(mainSource, resource(mainSource));
        for (String shared : SHARED_SOURCES) sources.put(shared, resource(shared));
        return sources;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = NativeBuild.class.getResourceAsStream("/native/" + name)) {
            if (in == null) throw new IOException("the jar has no native/" + name);
            return in.readAllBytes();
        }
    }

    /** A hash of everything that decides the program: sources, compiler and flags. */
    static String hash(Path cc, Map<String, byte[]> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((cc + "\0" + String.join(" ", FLAGS) + "\0").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> source : sources.entrySet()) {
                sha.update((source.getKey() + "\0" + source.getValue().length + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(source.getValue());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover build directory is harmless: its name starts with a dot and nothing reads it
        }
    }
}
