package netoverhead.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.model.NativeModel;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.server.ServerKind;

/**
 * The runner's hooks, with real child processes (bash scripts speaking the child protocol): every hook is
 * called once per iteration before the measured window and once after it, in the sweep's order (each
 * connection count, then each model, then each iteration); a hook can keep a model out, and a hook that
 * cannot prepare fails that iteration before the child is let go.
 */
class RunnerHookTest {
    private static final String JOB = "JOB\\t0\\t1\\t1\\t1\\t1\\t1\\t2\\t0\\t0\\t200\\t-\\t";

    @BeforeAll
    static void bash() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash here");
    }

    /** A bash child that creates its marker file once it is told GO, so that a hook can see whether it was. */
    private record MarkingChild(String name, Path marker) implements NativeModel {
        @Override public String label() { return name; }
        @Override public String description() { return "a bash script speaking the child protocol"; }

        @Override
        public List<String> command(ClientPlan plan) {
            String script = "echo READY; read go; : > \"$1\"; echo START; printf 'END\\t1000\\n'; read report; printf '"
                    + JOB + "\\n'; echo DONE";
            return List.of("/bin/bash", "-c", script, "child", marker.toString());
        }
    }

    /**
     * Writes down each call with what it saw: whether the child had been let go, and the iteration's place. The
     * last hook of a run removes the marker after the iteration, for the next one.
     */
    private static class Journal implements RunHook {
        final List<String> calls = new ArrayList<>();
        final boolean last;

        Journal(boolean last) {
            this.last = last;
        }

        @Override
        public void beforeWindow(Iteration it, long pid) {
            calls.add("window " + where(it) + " let go=" + Files.exists(((MarkingChild) it.model()).marker()));
        }

        @Override
        public void afterIteration(Iteration it, IterationResult result) {
            Path marker = ((MarkingChild) it.model()).marker();
            calls.add("after " + where(it) + " let go=" + Files.exists(marker) + " ok=" + result.ok());
            try {
                if (last) Files.deleteIfExists(marker);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String where(Iteration it) {
            return it.plan().connections() + "c " + it.model().name() + " " + it.index() + "/" + it.iterations();
        }
    }

    private static RunSpec spec(List<Model> models, List<Integer> connections, int iterations) {
        return new RunSpec(models, connections, iterations, 0,
                new RunSpec.Target("127.0.0.1", 9, true, "/", false, ServerKind.EXTERNAL, null, null),
                new RunSpec.Client(4096, RunSpec.Selector.MODELS_OWN, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        false, false, RunSpec.StartPriority.NORMAL, null),
                Duration.ZERO, null);
    }

    private static List<ModelRun> run(RunSpec spec, RunHook... hooks) throws Exception {
        Runner runner = new Runner(spec, Progress.NONE, List.of(hooks));
        return runner.run(spec.clientPlan("127.0.0.1", 9, "/"), BeforeGoHookTest.NO_SERVER);
    }

    @Test
    void everyHookSeesEachIterationOnceBeforeItsWindowAndOnceAfterInTheSweepsOrder(@TempDir Path dir)
            throws Exception {
        Model a = new MarkingChild("a", dir.resolve("a"));
        Model b = new MarkingChild("b", dir.resolve("b"));
        Journal first = new Journal(false);
        Journal second = new Journal(true);
        List<ModelRun> runs = run(spec(List.of(a, b), List.of(1, 3), 2), first, second);

        List<String> expected = new ArrayList<>();
        for (int count : List.of(1, 3)) {
            for (String model : List.of("a", "b")) {
                for (int i = 1; i <= 2; i++) {
                    String where = count + "c " + model + " " + i + "/2";
                    expected.add("window " + where + " let go=false");
                    expected.add("after " + where + " let go=true ok=true");
                }
            }
        }
        assertThat(first.calls).containsExactlyElementsOf(expected);
        assertThat(second.calls).containsExactlyElementsOf(expected);
        assertThat(runs).extracting(r -> r.connections() + " " + r.model() + " " + r.iterations().size())
                .containsExactly("1 a 2", "1 b 2", "3 a 2", "3 b 2");
    }

    @Test
    void aModelAHookRefusesIsSkippedWithItsReasonAndNeverStarted(@TempDir Path dir) throws Exception {
        Model kept = new MarkingChild("kept", dir.resolve("kept"));
        Model refused = new MarkingChild("refused", dir.resolve("refused"));
        Journal journal = new Journal(true) {
            @Override
            public String refusal(Model model) {
                return model.name().equals("refused") ? "this hook cannot record it" : null;
            }
        };
        List<ModelRun> runs = run(spec(List.of(refused, kept), List.of(2), 1), journal);

        assertThat(runs).extracting(r -> r.model() + ": " + r.unavailable() + ", " + r.iterations().size())
                .containsExactly("refused: this hook cannot record it, 0", "kept: null, 1");
        assertThat(journal.calls).containsExactly("window 2c kept 1/1 let go=false", "after 2c kept 1/1 let go=true ok=true");
    }

    @Test
    void aHookThatCannotPrepareFailsTheIterationBeforeTheChildIsLetGo(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("child");
        List<String> after = new ArrayList<>();
        RunHook broken = new RunHook() {
            @Override
            public List<String> beforeIteration(Iteration it) throws IOException {
                throw new IOException("no room for the recording");
            }

            @Override
            public void afterIteration(Iteration it, IterationResult result) {
                after.add(result.failure());
            }
        };
        List<ModelRun> runs = run(spec(List.of(new MarkingChild("m", marker)), List.of(1), 1), broken);

        assertThat(runs.getFirst().iterations().getFirst().failure()).contains("no room for the recording");
        assertThat(after).hasSize(1).allMatch(f -> f.contains("no room for the recording"));
        assertThat(marker).doesNotExist();
    }
}
