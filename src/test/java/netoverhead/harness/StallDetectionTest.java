package netoverhead.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import netoverhead.model.ClientPlan;
import netoverhead.model.NativeModel;
import netoverhead.process.ProcFs;
import netoverhead.result.IterationResult;
import netoverhead.server.ServerHandle;

/**
 * The harness's "no progress" watch: a child that reads nothing through read(2), as clients that call
 * recv(2) do, but keeps working is left alone; a child that does nothing at all is killed.
 */
class StallDetectionTest {
    private static final String JOB = "JOB\\t0\\t1\\t1\\t1\\t1\\t1\\t2\\t0\\t0\\t200\\t-\\t";

    @BeforeAll
    static void bashAndProc() {
        Assumptions.assumeTrue(ProcFs.available(), "no /proc here");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash here");
    }

    /** A child played by a bash script: the protocol around a body that works or idles for 3 seconds. */
    private record ScriptedChild(String body) implements NativeModel {
        @Override public String name() { return "scripted"; }
        @Override public String label() { return "scripted"; }
        @Override public String description() { return "a bash script speaking the child protocol"; }

        @Override
        public List<String> command(ClientPlan plan) {
            String script = "echo READY; read go; echo START; " + body
                    + "; printf 'END\\t3000000000\\n'; read report; printf '" + JOB + "\\n'; echo DONE";
            return List.of("/bin/bash", "-c", script, "child");
        }
    }

    private static IterationResult run(String body) throws InterruptedException {
        IterationRunner runner = new IterationRunner(new IterationRunner.Options(Duration.ofMillis(10), List.of(),
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60)));
        ClientPlan plan = new ClientPlan("127.0.0.1", 9, "/", 1, 4096, 1000, 1000, null, 0, false, 65536);
        ServerHandle none = new ServerHandle() {
            @Override public String description() { return "none"; }
            @Override public long payloadBytes() { return 0; }
            @Override public void close() { }
        };
        return runner.run(new ScriptedChild(body), plan, 1, 0, none, bytes -> { });
    }

    @Test
    void aChildThatWorksWithoutReadingIsNotAStall() throws InterruptedException {
        IterationResult result = run("while [ $SECONDS -lt 3 ]; do :; done");
        assertThat(result.failure()).isNull();
        assertThat(result.jobs()).hasSize(1);
    }

    @Test
    void aChildThatDoesNothingIsKilled() throws InterruptedException {
        IterationResult result = run("sleep 3");
        assertThat(result.failure()).contains("no progress for 1 s");
    }
}
