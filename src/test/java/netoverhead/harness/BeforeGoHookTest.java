package netoverhead.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.model.ClientPlan;
import netoverhead.model.NativeModel;
import netoverhead.os.CpuList;
import netoverhead.process.Binaries;
import netoverhead.result.IterationResult;
import netoverhead.server.ServerHandle;

/**
 * The harness's hook between a child's READY and its GO: called once with the waiting child's pid before
 * the child is let go, and a hook that fails makes the iteration fail with its reason. The launch prefix
 * (taskset) places the very process the harness watches.
 */
class BeforeGoHookTest {
    private static final String JOB = "JOB\\t0\\t1\\t1\\t1\\t1\\t1\\t2\\t0\\t0\\t200\\t-\\t";

    @BeforeAll
    static void bash() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash here");
    }

    /** A bash child that leaves a file behind as soon as it has been told GO. */
    private record MarkingChild(String name, Path started) implements NativeModel {
        MarkingChild(Path started) {
            this("marking", started);
        }

        @Override public String label() { return name; }
        @Override public String description() { return "a bash script speaking the child protocol"; }

        @Override
        public List<String> command(ClientPlan plan) {
            String script = "echo READY; read go; : > \"$1\"; echo START; printf 'END\\t1000\\n'; read report; printf '"
                    + JOB + "\\n'; echo DONE";
            return List.of("/bin/bash", "-c", script, "child", started.toString());
        }
    }

    private static IterationResult run(Path started, IterationRunner.BeforeGo hook) throws InterruptedException {
        return run(started, hook, List.of());
    }

    static final ServerHandle NO_SERVER = new ServerHandle() {
        @Override public String description() { return "none"; }
        @Override public long payloadBytes() { return 0; }
        @Override public void close() { }
    };

    private static IterationResult run(Path started, IterationRunner.BeforeGo hook, List<String> launchPrefix)
            throws InterruptedException {
        IterationRunner runner = new IterationRunner(new IterationRunner.Options(Duration.ZERO, List.of(),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(60), hook, launchPrefix));
        ClientPlan plan = new ClientPlan("127.0.0.1", 9, "/", 1, 4096, 1000, 1000, null, 0, false, 65536);
        return runner.run(new MarkingChild(started), plan, 1, 0, NO_SERVER, bytes -> { });
    }

    @Test
    void isCalledWithTheWaitingChildBeforeItIsLetGo(@TempDir Path dir) throws InterruptedException {
        Path started = dir.resolve("started");
        AtomicLong calls = new AtomicLong();
        AtomicReference<String> seen = new AtomicReference<>();
        IterationResult result = run(started, pid -> {
            calls.incrementAndGet();
            ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
            seen.set("alive=" + child.isAlive()
                    + " ours=" + child.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false)
                    + " started=" + Files.exists(started));
        });
        assertThat(result.failure()).isNull();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(seen.get()).isEqualTo("alive=true ours=true started=false");
        assertThat(started).exists();
    }

    @Test
    void aFailingHookFailsTheIterationWithItsReasonAndTheChildNeverStarts(@TempDir Path dir)
            throws InterruptedException {
        Path started = dir.resolve("started");
        IterationResult result = run(started, pid -> {
            throw new IOException("the tool could not attach");
        });
        assertThat(result.failure()).contains("the tool could not attach");
        assertThat(started).doesNotExist();
    }

    @Test
    void aLaunchPrefixPinsTheChildThatTheHarnessWatches(@TempDir Path dir) throws Exception {
        CpuList last = CpuList.parse(Integer.toString(CpuList.allowed().cpus().last()));
        AtomicReference<String> seen = new AtomicReference<>();
        IterationResult result = run(dir.resolve("started"), pid -> seen.set(
                Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                        .filter(l -> l.startsWith("Cpus_allowed_list:") || l.startsWith("Name:"))
                        .map(l -> l.replaceAll("\\s+", " ")).toList().toString()),
                last.commandPrefix(Binaries.require("taskset", "util-linux")));
        assertThat(result.failure()).isNull();
        assertThat(seen.get()).isEqualTo("[Name: bash, Cpus_allowed_list: " + last + "]");
    }
}
