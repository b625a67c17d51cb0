package netoverhead.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import netoverhead.process.ProcFs;

/** The parent reads a real child's RSS and CPU from /proc, and sees them grow. */
class MemoryMonitorTest {
    /** A child that allocates and touches 100 MiB when told to, then waits. */
    public static final class Allocator {
        public static void main(String[] args) throws Exception {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            System.out.println("ready");
            System.out.flush();
            in.readLine();
            byte[][] blocks = new byte[100][];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = new byte[1 << 20];
                for (int j = 0; j < blocks[i].length; j += 4096) blocks[i][j] = 1; // touch every page
            }
            System.out.println("allocated " + blocks.length);
            System.out.flush();
            in.readLine();
        }
    }

    @Test
    void seesTheChildGrowWhenItAllocatesAndTouches100MiB() throws Exception {
        assumeTrue(ProcFs.available(), "no /proc on this system");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms16m", "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Allocator.class.getName())).redirectErrorStream(true).start();
        try (ProcFs proc = new ProcFs(child.pid())) {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            OutputStream in = child.getOutputStream();
            assertThat(out.readLine()).isEqualTo("ready");
            long before = proc.rssBytes().orElseThrow();

            MemorySampler sampler = new MemorySampler(proc, 5_000_000L);
            long from = System.nanoTime();
            sampler.start();
            in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            assertThat(out.readLine()).isEqualTo("allocated 100");
            Thread.sleep(50);
            sampler.sampleNow();
            sampler.stop();
            long after = proc.rssBytes().orElseThrow();
            long[] cpu = proc.cpuNanos();

            assertThat(after - before).as("RSS growth in bytes").isGreaterThan(90L << 20);
            MemorySampler.Summary summary = sampler.summary(from, System.nanoTime());
            assertThat(summary.peakBytes()).isGreaterThanOrEqualTo((double) before + (90L << 20));
            assertThat(summary.averageBytes()).isBetween((double) before * 0.9, summary.peakBytes());
            assertThat(summary.curve()).isNotEmpty();
            assertThat(cpu).isNotNull();
            assertThat(cpu[0] + cpu[1]).as("CPU nanoseconds").isPositive();

            in.write("bye\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsGoneHasNoFigures() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Thread.sleep(100);
        try (ProcFs proc = new ProcFs(p.pid())) {
            assertThat(proc.rssBytes()).isEmpty();
            assertThat(proc.cpuNanos()).isNull();
        }
    }
}
