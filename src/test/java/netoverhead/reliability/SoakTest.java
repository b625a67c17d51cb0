package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.UnixOperatingSystemMXBean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.model.registry.ModelRegistry;
import netoverhead.report.CsvReport;
import netoverhead.testing.Cli;
import netoverhead.testing.ServeProcess;

/**
 * A soak of the embedded server with the poll model: rounds of 5,000 concurrent connections, every body
 * verified, no errors, and the server neither keeps connections nor grows in memory from round to round.
 */
class SoakTest {
    private static final int CONNECTIONS = 5000;
    private static final int ROUNDS = 6;
    private static final long RSS_BOUND = 8L << 20;

    @Test
    void roundsOfFiveThousandConnectionsLeaveTheServerAsItWas(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ModelRegistry.byName("poll").orElseThrow().availability().available(), "unavailable: poll model");
        long limit = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        Assumptions.assumeTrue(limit >= CONNECTIONS + 512, "unavailable: the open-file limit is " + limit);
        // the flags the tool starts its server with, and a small young generation whose pages are all touched
        // in round 1; a full collection before each reading, so that RSS shows what the server keeps rather
        // than garbage it has yet to collect
        try (ServeProcess server = ServeProcess.start(List.of("-XX:+UseSerialGC", "-Xmx256m", "-Xmn8m"),
                "--payload", "16KiB")) {
            List<Long> rss = new ArrayList<>();
            List<Long> files = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                Path csv = dir.resolve("round-" + round + ".csv");
                Cli.Result r = Cli.run(120, "run", "127.0.0.1", Integer.toString(server.port()), "--server", "external",
                        "--models", "poll", "--connections", Integer.toString(CONNECTIONS), "--iterations", "1",
                        "--verify", "--out", dir.resolve("results").toString(), "--csv", csv.toString(), "--no-progress");
                assertThat(r.exitCode()).as("round %d: %s", round, r.stderr()).isZero();
                String[] row = Files.readAllLines(csv).get(1).split(",", -1);
                List<String> columns = List.of(CsvReport.HEADER.split(","));
                assertThat(row[columns.indexOf("errors")]).as("errors in round %d", round).isEqualTo("0");
                assertThat(row[columns.indexOf("bytes_received")]).as("bytes received")
                        .isEqualTo(row[columns.indexOf("bytes_expected")])
                        .isEqualTo(Long.toString(CONNECTIONS * 16384L));
                Thread.sleep(300); // let the server's last closes land
                server.collectGarbage();
                rss.add(server.rssBytes());
                files.add(server.openFiles());
            }
            System.out.println("soak: server RSS after each round " + rss + ", open files " + files);
            // round 1 warms the server up (class loading, selector arrays); after it, no file may stay open. Its
            // memory settles later: in one run RSS rose until round 3 and then held (83, 92, 108, 103, 103, 103
            // MB), as warm-up does and a leak does not; so memory is judged over the second half, where a leak of
            // even 600 bytes a connection would add 9 MB
            assertThat(files.getLast()).as("open files after each round %s", files).isLessThanOrEqualTo(files.get(1) + 8);
            assertThat(rss.getLast() - rss.get(ROUNDS / 2 - 1)).as("RSS growth over the last %d rounds, rounds: %s",
                    ROUNDS / 2, rss).isLessThan(RSS_BOUND);
        }
    }
}
