package netoverhead.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import netoverhead.model.Availability;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.process.ChildProcesses;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.server.ServerHandle;

/**
 * Runs the whole plan, as the seed's script did: for each connection count, each model, ITERATIONS fresh
 * child processes, one after another. Finished work is kept where {@link #snapshot()} can reach it, so that
 * an interrupted run still writes what it measured.
 */
public final class Runner {
    /** What to run; {@code client} carries everything but the connection count, which the sweep sets. */
    public record Plan(List<Model> models, List<Integer> connections, int iterations, ClientPlan client,
                       long payloadBytes) {
        public ClientPlan clientFor(int count) {
            ClientPlan c = client;
            return new ClientPlan(c.host(), c.port(), c.path(), count, c.bufferSize(), c.connectTimeoutMs(),
                    c.readTimeoutMs(), c.selector(), c.loops(), c.verify(), c.maxHeadBytes(), c.realtimeStart(), c.warmup());
        }
    }

    private final IterationRunner iterationRunner;
    private final Progress progress;
    private final List<ModelRun> done = new ArrayList<>();
    private ModelRun current;
    private final CountDownLatch ended = new CountDownLatch(1);

    public Runner(IterationRunner iterationRunner, Progress progress) {
        this.iterationRunner = iterationRunner;
        this.progress = progress;
    }

    public List<ModelRun> run(Plan plan, ServerHandle server) throws InterruptedException {
        try {
            runAll(plan, server);
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

    private void runAll(Plan plan, ServerHandle server) throws InterruptedException {
        int available = (int) plan.models().stream().filter(m -> m.availability().available()).count();
        long perIteration = 0;
        for (int count : plan.connections()) perIteration += (long) count * plan.payloadBytes();
        progress.planned(available * plan.connections().size() * plan.iterations(),
                perIteration * available * plan.iterations());
        progress.sweep(plan.connections(), plan.models().stream().filter(m -> m.availability().available())
                .map(Model::name).toList());
        for (int count : plan.connections()) {
            for (Model model : plan.models()) {
                Availability availability = model.availability();
                if (!availability.available()) {
                    progress.skipped(model.name(), availability.reason());
                    add(new ModelRun(model.name(), model.label(), count, availability.reason(), List.of(), null));
                    continue;
                }
                List<IterationResult> iterations = new ArrayList<>();
                for (int i = 1; i <= plan.iterations(); i++) {
                    if (ChildProcesses.stopping()) return;
                    progress.iterationStarted(model.name(), count, i, plan.iterations(), count * plan.payloadBytes());
                    IterationResult result = iterationRunner.run(model, plan.clientFor(count), i, plan.payloadBytes(),
                            server, progress::bytes);
                    // an iteration that ended because the tool is stopping measured the stop, not the model
                    if (ChildProcesses.stopping()) return;
                    iterations.add(result);
                    setCurrent(new ModelRun(model.name(), model.label(), count, null, List.copyOf(iterations),
                            Aggregator.summary(iterations, count)));
                    progress.iterationFinished(model.name(), count, result);
                }
                add(current);
            }
        }
        progress.finished();
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
