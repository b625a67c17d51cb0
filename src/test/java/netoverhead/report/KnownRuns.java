package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import netoverhead.harness.Aggregator;
import netoverhead.result.Environment;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;

/** Runs built from chosen per-iteration figures, for tests that must know the right answer beforehand. */
final class KnownRuns {
    static final int CONNECTIONS = 100;
    static final long PAYLOAD = 1L << 20;

    private KnownRuns() {}

    /** One model whose iterations have the given aggregate throughputs (MiB/s) and run times following from them. */
    static ModelRun model(String name, double... aggregateMibps) {
        List<IterationResult> iterations = new ArrayList<>();
        for (int i = 0; i < aggregateMibps.length; i++) {
            double runS = CONNECTIONS * PAYLOAD / (double) (1 << 20) / aggregateMibps[i];
            IterationFigures f = new IterationFigures(20.0, 10.0, runS * 0.9, 1.0 / (runS * 0.9), aggregateMibps[i],
                    runS, 60.0, 70.0, 40.0, 0.5, 0.25, CONNECTIONS * PAYLOAD, CONNECTIONS * PAYLOAD, 0);
            iterations.add(new IterationResult(i + 1, f, null, Map.of(), null, List.of(), List.of()));
        }
        return new ModelRun(name, name, CONNECTIONS, null, iterations, Aggregator.summary(iterations, CONNECTIONS));
    }

    static RunResult run(String os, ModelRun... models) {
        Environment env = new Environment(os, "6.1.0", "x86_64", "test CPU", 2, 4L << 30, "25.0.3", "test",
                List.of(), "0.1.0", "host-" + os);
        RunSettings settings = new RunSettings(List.of(models).stream().map(ModelRun::model).toList(),
                List.of(CONNECTIONS), models[0].iterations().size(), PAYLOAD, "127.0.0.1", 8000, "/testpayload",
                "embedded", "embedded", 65536, null, 0, 10, 10000, 30000, false, null, null, null, null, true,
                "normal", null);
        return new RunResult("netoverhead", env, settings, "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", true,
                List.of(models));
    }
}
