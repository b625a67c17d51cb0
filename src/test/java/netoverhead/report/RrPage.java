package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * rr runs of every model the tool has, with latencies spread from tens of microseconds to milliseconds and a
 * sweep over response sizes, for the HTML tests.
 */
final class RrPage {
    static final List<Long> RESPONSES = List.of(128L, 4096L, 65536L);

    private RrPage() {}

    /** Every model at each response size: the larger the response and the later the model, the slower. */
    static RunResult sweep(List<Long> responses) {
        List<Model> models = ModelRegistry.all();
        List<ModelRun> runs = new ArrayList<>();
        for (long bytes : responses) {
            for (int m = 0; m < models.size(); m++) {
                double scale = (1 + m * 0.15) * (1 + bytes / 16384.0);
                long[] latencies = new long[100];
                for (int i = 0; i < latencies.length; i++) {
                    latencies[i] = (long) (20_000 * scale * Math.pow(1.04, i));
                }
                long ops = (long) (40000 / scale);
                RrRuns.Iteration it = RrRuns.Iteration.closed(ops - ops % 100, 0.2 * (1 + bytes / 65536.0),
                        0.4 * (1 + bytes / 16384.0), latencies);
                ModelRun run = RrRuns.model(models.get(m).name(), bytes, it, it, it);
                runs.add(new ModelRun(run.model(), models.get(m).label(), run.connections(), null, run.iterations(),
                        run.summary(), run.responseBytes(), run.latency()));
            }
        }
        return RrRuns.run(0, responses, runs.toArray(ModelRun[]::new));
    }
}
