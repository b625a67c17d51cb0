package netoverhead.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.testing.Cli;
import netoverhead.testing.PacedServer;

/** record-scheduling on a small real run: the scheduling events are recorded and summarised per thread. */
class RecordSchedulingCommandTest {
    @Test
    void recordsTheThreadedModelsThreads(@TempDir Path out) throws Exception {
        // jdk.ThreadContextSwitchRate is periodic (every 100 ms) and the JVM's first sample covers the time
        // since the machine booted, so the run is paced to last several periods however fast the machine is
        try (PacedServer server = PacedServer.start(8L << 20, 9, Duration.ofMillis(75))) {
            assertThat(server.minimumBodyTime()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
            Cli.Result r = Cli.run(300, "record-scheduling", "127.0.0.1", String.valueOf(server.port()), "--models",
                    "threaded", "--connections", "4", "--payload", "8MiB", "--out", out.toString(), "--no-progress");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        }
        Path jfr = out.resolve("sched_threaded.jfr");
        Path txt = out.resolve("sched_threaded.txt");
        assertThat(jfr).isRegularFile();
        assertThat(txt).isRegularFile();
        assertThat(out.resolve("sched_threaded.json")).isRegularFile();

        Map<String, Integer> counts = JfrSummaries.eventCounts(jfr);
        assertThat(counts).containsKeys("jdk.ThreadStart", "jdk.ThreadEnd", "jdk.ThreadCPULoad",
                "jdk.ThreadContextSwitchRate");
        // one thread per connection: at least four job threads started and ended
        assertThat(counts.get("jdk.ThreadStart")).isGreaterThanOrEqualTo(4);
        Map<String, String> active = Recordings.activeSettings(jfr);
        assertThat(active).containsEntry("jdk.ThreadPark#threshold", "0 ms")
                .containsEntry("jdk.ThreadSleep#threshold", "0 ms")
                .containsEntry("jdk.JavaMonitorWait#threshold", "0 ms")
                .containsEntry("jdk.VirtualThreadStart#enabled", "true")
                .containsEntry("jdk.VirtualThreadPinned#enabled", "true")
                .containsEntry("jdk.ThreadCPULoad#period", "20 ms");

        String summary = Files.readString(txt);
        assertThat(summary).contains("Per thread", "parks", "parked s", "Virtual threads", "Context switches",
                "measured under JFR");
        for (int i = 0; i < 4; i++) assertThat(summary).containsPattern("(?m)^  job-" + i + " ");
        // the rate over the run, without the first sample (since boot)
        assertThat(summary).containsPattern("\\d+ per second on average, \\d+ at most, over \\d+ samples?");
    }
}
