package netoverhead.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * Reads a process's figures from Linux's /proc without starting anything: RSS from status, CPU from stat,
 * bytes read from io. Files stay open and are re-read from offset 0, which regenerates their content, so
 * a sample costs one pread and no allocation of note.
 */
public final class ProcFs implements AutoCloseable {
    private static final long CLOCK_TICKS = clockTicks();

    private final long pid;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private FileChannel status;
    private FileChannel stat;
    private FileChannel io;

    public ProcFs(long pid) {
        this.pid = pid;
    }

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/status")) && Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** Resident set size in bytes (VmRSS), or empty when the process is gone or /proc is not there. */
    public OptionalLong rssBytes() {
        String text = read("status");
        if (text == null) return OptionalLong.empty();
        int at = text.indexOf("VmRSS:");
        if (at < 0) return OptionalLong.empty();
        int end = text.indexOf('\n', at);
        String value = text.substring(at + 6, end < 0 ? text.length() : end).trim(); // "12345 kB"
        int space = value.indexOf(' ');
        return OptionalLong.of(Long.parseLong(space < 0 ? value : value.substring(0, space)) * 1024);
    }

    /** User and system CPU time in nanoseconds, or null when unavailable. */
    public long[] cpuNanos() {
        String text = read("stat");
        if (text == null) return null;
        // the command name may contain spaces and parentheses: fields start after the last ')'
        String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
        long nanosPerTick = 1_000_000_000L / CLOCK_TICKS;
        return new long[] {Long.parseLong(f[11]) * nanosPerTick, Long.parseLong(f[12]) * nanosPerTick};
    }

    /** Bytes the process has read through read-like system calls (rchar), for progress only. */
    public OptionalLong bytesRead() {
        String text = read("io");
        if (text == null) return OptionalLong.empty();
        int at = text.indexOf("rchar:");
        if (at < 0) return OptionalLong.empty();
        int end = text.indexOf('\n', at);
        return OptionalLong.of(Long.parseLong(text.substring(at + 6, end < 0 ? text.length() : end).trim()));
    }

    // synchronized: the memory sampler's thread and the iteration's thread read the same process, and share
    // the one buffer
    private synchronized String read(String name) {
        try {
            FileChannel ch = channel(name);
            if (ch == null) return null;
            buffer.clear();
            int total = 0;
            int n;
            while ((n = ch.read(buffer, total)) > 0) {
                total += n;
                if (!buffer.hasRemaining()) break;
            }
            if (total == 0) return null;
            return new String(buffer.array(), 0, total, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null; // the process has exited
        }
    }

    private FileChannel channel(String name) throws IOException {
        FileChannel ch = switch (name) {
            case "status" -> status;
            case "stat" -> stat;
            default -> io;
        };
        if (ch != null) return ch;
        Path path = Path.of("/proc", Long.toString(pid), name);
        if (!Files.exists(path)) return null;
        ch = FileChannel.open(path, StandardOpenOption.READ);
        switch (name) {
            case "status" -> status = ch;
            case "stat" -> stat = ch;
            default -> io = ch;
        }
        return ch;
    }

    @Override
    public void close() {
        for (FileChannel ch : new FileChannel[] {status, stat, io}) {
            try {
                if (ch != null) ch.close();
            } catch (IOException ignored) {
                // reading is over
            }
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            long ticks = Long.parseLong(out);
            return ticks > 0 ? ticks : 100;
        } catch (IOException | NumberFormatException | InterruptedException e) {
            return 100; // USER_HZ is 100 on every mainstream Linux ABI
        }
    }
}
