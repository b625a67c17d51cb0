package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

import netoverhead.harness.Aggregator;
import netoverhead.result.ConnectionFigures;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.WorkloadSettings;

/** churn and idle runs built from chosen figures, as {@link RrRuns} builds rr's, for tests that know the answer. */
final class ConnectionRuns {
    static final long US = 1000;
    static final WorkloadSettings CHURN = new WorkloadSettings("churn", 1, 0, 2.0, 2.0, 0, List.of(128L));
    static final WorkloadSettings IDLE = new WorkloadSettings("idle", 1, 0, 2.0, 2.0, 0, List.of());

    private ConnectionRuns() {}

    /** A churn iteration's connection figures: its connect latency p50 and p99. */
    static ConnectionFigures connect(double p50Us, double p99Us) {
        return new ConnectionFigures(p50Us, p99Us, null, null, null, null);
    }

    /** An idle iteration's connection figures. */
    static ConnectionFigures established(double seconds, long connections, double kernelSocketBytes, int threads) {
        return new ConnectionFigures(null, null, seconds, connections, kernelSocketBytes, threads);
    }

    /**
     * The model run with each iteration's connection figures (one per iteration, in order) at {@code connections}
     * connections, its summary made again as the harness makes it.
     */
    static ModelRun with(ModelRun run, int connections, ConnectionFigures... perIteration) {
        List<IterationResult> iterations = new ArrayList<>();
        for (int i = 0; i < run.iterations().size(); i++) {
            IterationResult it = run.iterations().get(i);
            IterationFigures f = it.figures();
            IterationFigures withConnection = f.withOperations(f.operations().withConnection(perIteration[i]),
                    f.bytesExpected());
            iterations.add(new IterationResult(it.iteration(), withConnection, it.failure(), it.errorsByKind(),
                    it.serverCpuS(), it.jobs(), it.memory(), it.latencyHistogram(), it.cpuSource(),
                    it.syscallsUnavailable()));
        }
        return new ModelRun(run.model(), run.label(), connections, run.unavailable(), iterations,
                Aggregator.summary(iterations, connections), run.responseBytes(), run.latency());
    }

    /**
     * Churn of threaded and poll over three iterations: threaded completes 2000 connections in each window of 2 s
     * (1000/s) at 200 us, on 0.08 s of CPU (40 us a connection), its connect p50 30, 40 and 50 us (median 40) and
     * p99 90, 100 and 200 us (median 100); poll 4000 at 100 us, connect p50 20 us, p99 50 us.
     */
    static RunResult churn() {
        RrRuns.Iteration slow = RrRuns.Iteration.closed(2000, 0.02, 0.06, 200 * US);
        ModelRun threaded = with(RrRuns.model("threaded", 128L, slow, slow, slow), RrRuns.CONNECTIONS,
                connect(30, 90), connect(40, 100), connect(50, 200));
        RrRuns.Iteration fast = RrRuns.Iteration.closed(4000, 0.02, 0.02, 100 * US);
        ModelRun poll = with(RrRuns.model("poll", 128L, fast, fast, fast), RrRuns.CONNECTIONS,
                connect(20, 50), connect(20, 50), connect(20, 50));
        return churn(threaded, poll);
    }

    /**
     * Idle of threaded over three iterations at {@code connections} connections: 20 heartbeats answered in each
     * window of 2 s at 150 us, on 0.04 s of CPU (0.02 s/s), 20 MiB of memory over the baseline, every connection
     * established in 0.5 s, 40 KiB of kernel socket memory, 12 threads.
     */
    static ModelRun idleThreaded(int connections) {
        RrRuns.Iteration it = RrRuns.Iteration.closed(20, 0.01, 0.03, 150 * US);
        ConnectionFigures c = established(0.5, connections, 40960, 12);
        return with(RrRuns.model("threaded", null, it, it, it), connections, c, c, c);
    }

    static RunResult churn(ModelRun... models) {
        return RrRuns.run(CHURN, models);
    }

    static RunResult idle(ModelRun... models) {
        return RrRuns.run(IDLE, models);
    }
}
