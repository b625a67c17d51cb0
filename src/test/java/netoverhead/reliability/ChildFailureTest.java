package netoverhead.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.model.JvmModel;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.server.PayloadServer;
import netoverhead.testing.CgroupModel;
import netoverhead.testing.OneIteration;
import netoverhead.testing.ScriptedServer;
import netoverhead.testing.TestServers;

/**
 * Children that die or cannot do their work: killed with SIGKILL mid-iteration, killed by the kernel for
 * using too much memory, refused new threads. The iteration or the job says why; the run goes on.
 */
class ChildFailureTest {
    @Test
    void childKilledMidIterationFailsThatIterationAndTheRunGoesOn(@TempDir Path dir) throws Exception {
        List<String> models = OneIteration.availableModels().map(n -> n.getPayload().name()).toList();
        // answers after a pause, so that the first child is surely mid-iteration when it is killed
        try (ScriptedServer server = ScriptedServer.start(2000, ScriptedServer.after(700, ScriptedServer.ok(2000)))) {
            Path json = dir.resolve("run.json");
            Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "netoverhead.Main", "run", "127.0.0.1",
                    Integer.toString(server.port()), "--server", "external", "--models", String.join(",", models),
                    "--connections", "3", "--iterations", "2", "--out", dir.resolve("results").toString(),
                    "--json", json.toString(), "--no-progress")
                    .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                    .start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                ProcessHandle child = null;
                while (child == null) {
                    assertThat(System.nanoTime()).as("no client child appeared").isLessThan(deadline);
                    child = run.descendants().filter(p -> p.info().commandLine().orElse("").contains("ChildMain"))
                            .findFirst().orElse(null);
                    // wait until it has connected: the server has accepted its connections
                    if (child != null && server.accepted() < 3) child = null;
                    Thread.sleep(10);
                }
                child.destroyForcibly(); // SIGKILL
                assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            } finally {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
            }
            assertThat(run.exitValue()).isEqualTo(1);
            JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
            assertThat(runs).hasSize(models.size());
            JsonNode first = runs.get(0).get("iterations");
            assertThat(first).hasSize(2);
            assertThat(first.get(0).get("failure").asText())
                    .isEqualTo("the child exited with status 137, SIGKILL (killed, perhaps by the out-of-memory killer)");
            assertThat(first.get(0).get("errorsByKind").get("unreported").asInt()).isEqualTo(3);
            // everything after it ran and succeeded
            for (int m = 0; m < runs.size(); m++) {
                JsonNode its = runs.get(m).get("iterations");
                for (int i = m == 0 ? 1 : 0; i < its.size(); i++) {
                    assertThat(its.get(i).get("failure").isNull()).isTrue();
                    assertThat(its.get(i).get("figures").get("errors").asInt()).isZero();
                }
            }
            assertThat(java.nio.file.Files.readString(dir.resolve("out.txt"))).contains("; 1 failed iteration |");
        }
    }

    @Test
    void childKilledForUsingTooMuchMemoryIsAFailedIterationWithTheReason() throws Exception {
        String why = CgroupModel.unavailable("memory");
        Assumptions.assumeTrue(why == null, "unavailable: " + why);
        JvmModel threaded = (JvmModel) ModelRegistry.byName("threaded").orElseThrow();
        // 100 connections with a 4 MiB read buffer each need 400 MiB; the cgroup allows 128 MiB. Each job must
        // still be downloading when the later ones take their buffers: an ended job's buffer goes back at the
        // next collection, and 1 MiB downloads from a busy suite's server could end one after another
        try (PayloadServer server = TestServers.embedded(32 << 20);
             CgroupModel limited = new CgroupModel(threaded, "memory", "memory.limit_in_bytes", "134217728")) {
            var plan = OneIteration.plan("127.0.0.1", server.port(), 100, 5000, 5000, false);
            plan = new netoverhead.model.ClientPlan(plan.host(), plan.port(), plan.path(), plan.connections(), 4 << 20,
                    plan.connectTimeoutMs(), plan.readTimeoutMs(), null, 0, false, plan.maxHeadBytes());
            IterationResult r = OneIteration.run(limited, plan, 32 << 20);
            assertThat(r.failure()).isNotNull().contains("SIGKILL").contains("out-of-memory killer");
            assertThat(r.figures().errors()).isEqualTo(100);
        }
    }

    @Test
    void threadsThatCannotBeCreatedAreFailedJobsNotAHang() throws Exception {
        String why = CgroupModel.unavailable("pids");
        Assumptions.assumeTrue(why == null, "unavailable: " + why);
        JvmModel threaded = (JvmModel) ModelRegistry.byName("threaded").orElseThrow();
        // the server holds every answer, so that job threads pile up; the cgroup allows 80 threads in all
        try (ScriptedServer server = ScriptedServer.start(1000, ScriptedServer.after(1500, ScriptedServer.ok(1000)));
             CgroupModel limited = new CgroupModel(threaded, "pids", "pids.max", "80")) {
            IterationResult r = OneIteration.run(limited,
                    OneIteration.plan("127.0.0.1", server.port(), 200, 5000, 10_000, false), 1000);
            assertThat(r.failure()).as("the child ran to the end").isNull();
            List<JobResult> refused = r.jobs().stream().filter(JobResult::failed).toList();
            List<JobResult> served = r.jobs().stream().filter(j -> !j.failed()).toList();
            assertThat(refused).as("some jobs got no thread").isNotEmpty();
            assertThat(served).as("the jobs that got a thread ran").isNotEmpty();
            for (JobResult j : refused) {
                assertThat(j.error()).isEqualTo("io");
                assertThat(j.message()).startsWith("cannot start a thread: unable to create native thread");
            }
            assertThat(r.figures().errors()).isEqualTo(refused.size());
        }
    }
}
