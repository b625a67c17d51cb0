package netoverhead.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated .jfc files are ones the JDK itself reads, with the changes in them. */
class JfrSettingsTest {
    @Test
    void profileSettingsReadBackWithZeroThresholdSocketEvents(@TempDir Path dir) throws Exception {
        Configuration c = Configuration.create(JfrSettings.forProfile().write(dir.resolve("p.jfc")));
        assertThat(c.getSettings())
                .containsEntry("jdk.SocketRead#threshold", "0 ms")
                .containsEntry("jdk.SocketWrite#threshold", "0 ms")
                .containsEntry("jdk.SocketRead#throttle", "off")
                .containsEntry("jdk.ExecutionSample#enabled", "true");
        // everything else is the JDK's profile configuration
        assertThat(c.getSettings().get("jdk.ObjectAllocationSample#throttle"))
                .isEqualTo(Configuration.getConfiguration("profile").getSettings().get("jdk.ObjectAllocationSample#throttle"));
    }

    @Test
    void schedulingSettingsRecordEveryParkAndVirtualThread(@TempDir Path dir) throws Exception {
        Configuration c = Configuration.create(JfrSettings.forScheduling().write(dir.resolve("s.jfc")));
        assertThat(c.getSettings())
                .containsEntry("jdk.ThreadPark#threshold", "0 ms")
                .containsEntry("jdk.VirtualThreadStart#enabled", "true")
                .containsEntry("jdk.VirtualThreadEnd#enabled", "true")
                .containsEntry("jdk.ThreadCPULoad#period", "20 ms");
    }
}
