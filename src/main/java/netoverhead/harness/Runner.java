package netoverhead.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import netoverhead.http.IdleFrames;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.process.ChildProcesses;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.server.ServerHandle;
import netoverhead.server.ServerKind;
import netoverhead.workload.WorkloadKind;

/**
 * Runs a whole {@link RunSpec}, as the Haiku suite's script did: for each connection count, each model, ITERATIONS fresh
 * child processes, one after another. Every command that runs models runs them here; what a command records
 * beside the figures (a profiler, say) is a {@link RunHook}. Finished work is kept where {@link #snapshot()} can
 * reach it, so that an interrupted run still writes what it measured.
 */
public final class Runner {
    private final RunSpec spec;
    private final IterationRunner.Options watch;
    private final Progress progress;
    private final List<RunHook> hooks;
    /** Numbers idle's groups: unique in this process, and with its pid on one server. */
    private static final AtomicLong IDLE_GROUPS = new AtomicLong();

    private final List<ModelRun> done = new ArrayList<>();
    private ModelRun current;
    private final CountDownLatch ended = new CountDownLatch(1);

    /** @throws IOException when the clients are to be kept to some CPUs and taskset is missing */
    public Runner(RunSpec spec, Progress progress, List<RunHook> hooks) throws IOException {
        this.spec = spec;
        this.watch = spec.iterationOptions();
        this.progress = progress;
        this.hooks = List.copyOf(hooks);
    }

    /**
     * @param client what every client is told but the connection count (where the server is, timeouts, buffer)
     */
    public List<ModelRun> run(ClientPlan client, ServerHandle server) throws InterruptedException {
        try {
            runAll(client, server);
        } finally {
            ended.countDown();
        }
        return snapshot();
    }

    /**
     * Waits until {@link #run} has returned, at most {@code millis}: once the tool is stopping, the iteration
     * under way ends within seconds (its child is killed) and is discarded, and nothing new starts.
     */
    public boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    private void runAll(ClientPlan client, ServerHandle server) throws InterruptedException {
        Map<Model, String> skipped = new LinkedHashMap<>();
        for (Model model : spec.models()) {
            String why = whyNot(model);
            if (why != null) skipped.put(model, why);
        }
        List<Model> running = spec.models().stream().filter(m -> !skipped.containsKey(m)).toList();
        boolean operations = spec.workload().operations();
        // rr and churn sweep response sizes; an external server answers with the one size it has
        List<Long> responses = !spec.workload().sizedResponses() ? Collections.singletonList(null)
                : spec.target().server() == ServerKind.EXTERNAL
                ? List.of(server.payloadBytes()) : spec.workload().responses();
        // bytes drive bulk's time-left estimate; an rr iteration lasts its window whatever it moves
        long payload = operations ? 0 : server.payloadBytes();
        int iterations = spec.iterations();
        long perIteration = 0;
        for (int count : spec.connections()) perIteration += count * payload;
        progress.planned(running.size() * spec.connections().size() * responses.size() * iterations,
                perIteration * running.size() * iterations);
        progress.sweep(spec.connections(), running.stream().map(Model::name).toList());
        for (Long response : responses) {
            ClientPlan step = response == null || spec.target().server() == ServerKind.EXTERNAL
                    ? client : client.withPath(WorkloadSpec.sizedPath(response));
            long expected = response == null ? server.payloadBytes() : response;
            for (int count : spec.connections()) {
                for (Model model : spec.models()) {
                    if (skipped.containsKey(model)) {
                        progress.skipped(model.name(), skipped.get(model));
                        add(new ModelRun(model.name(), model.label(), count, skipped.get(model), List.of(), null,
                                response, null));
                        continue;
                    }
                    if (!runModel(model, count, step, expected, response, server)) return;
                }
            }
        }
        progress.finished();
    }

    /** Every iteration of one model at one connection count; false when the tool is stopping. */
    private boolean runModel(Model model, int count, ClientPlan client, long expected, Long response,
                             ServerHandle server) throws InterruptedException {
        int iterations = spec.iterations();
        long progressBytes = response == null ? count * expected : 0;
        List<IterationResult> results = new ArrayList<>();
        for (int i = 1; i <= iterations; i++) {
            if (ChildProcesses.stopping()) return false;
            progress.iterationStarted(model.name(), count, i, iterations, progressBytes);
            RunHook.Iteration iteration = new RunHook.Iteration(model, iterationPlan(client, count), i,
                    iterations, expected, spec.connections().size() > 1);
            IterationResult result = runOne(iteration, server);
            // an iteration that ended because the tool is stopping measured the stop, not the model
            if (ChildProcesses.stopping()) return false;
            results.add(result);
            setCurrent(new ModelRun(model.name(), model.label(), count, null, List.copyOf(results),
                    Aggregator.summary(results, count), response, Aggregator.latency(results)));
            progress.iterationFinished(model.name(), count, result);
        }
        add(current);
        return true;
    }

    /**
     * The plan of one iteration at {@code count} connections: idle's hello names the iteration's own group of
     * connections, its size and its timeline, which the server runs.
     */
    private ClientPlan iterationPlan(ClientPlan client, int count) {
        ClientPlan plan = client.withConnections(count);
        if (spec.workload().kind() != WorkloadKind.IDLE) return plan;
        WorkloadSpec w = spec.workload();
        String group = "i" + ProcessHandle.current().pid() + "-" + IDLE_GROUPS.incrementAndGet();
        return plan.withPath(IdleFrames.helloPath(count, w.warmup().toMillis(), w.duration().toMillis(), group))
                .withBufferSize(Math.min(plan.bufferSize(), WorkloadSpec.IDLE_BUFFER));
    }

    /** Why the model is not run: unavailable here, or a hook that cannot attend it; null when it runs. */
    private String whyNot(Model model) {
        if (!model.availability().available()) return model.availability().reason();
        for (RunHook hook : hooks) {
            String why = hook.refusal(model);
            if (why != null) return why;
        }
        return null;
    }

    private IterationResult runOne(RunHook.Iteration iteration, ServerHandle server) throws InterruptedException {
        List<String> jvmOptions = new ArrayList<>();
        IOException setupFailure = null;
        for (RunHook hook : hooks) {
            try {
                jvmOptions.addAll(hook.beforeIteration(iteration));
            } catch (IOException e) {
                if (setupFailure == null) setupFailure = e;
            }
        }
        IOException failedSetup = setupFailure;
        // a hook that could not prepare fails the iteration the way a failing attachment does: before GO
        IterationRunner.BeforeGo beforeWindow = pid -> {
            if (failedSetup != null) throw failedSetup;
            for (RunHook hook : hooks) hook.beforeWindow(iteration, pid);
        };
        IterationResult result = null;
        try {
            result = new IterationRunner(watch.withChildSetup(jvmOptions, beforeWindow)).run(iteration.model(),
                    iteration.plan(), iteration.index(), iteration.payloadBytes(), server, progress::bytes);
            return result;
        } finally {
            // an iteration cut short because the tool is stopping measured the stop: the hooks are told it has none
            IterationResult outcome = ChildProcesses.stopping() ? null : result;
            for (RunHook hook : hooks) hook.afterIteration(iteration, outcome);
        }
    }

    private synchronized void setCurrent(ModelRun run) {
        current = run;
    }

    private synchronized void add(ModelRun run) {
        done.add(run);
        current = null;
    }

    /** Every model run finished so far, and the iterations of the one under way. */
    public synchronized List<ModelRun> snapshot() {
        List<ModelRun> all = new ArrayList<>(done);
        if (current != null) all.add(current);
        return all;
    }
}
