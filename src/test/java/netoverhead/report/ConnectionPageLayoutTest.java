package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/**
 * A page of churn and of an idle sweep with every model the tool has, laid out by headless Chromium: no text
 * overlaps in any chart, every model in every chart once, in the colour and marker the page gives it.
 */
class ConnectionPageLayoutTest {
    private static final long US = ConnectionRuns.US;

    @TempDir
    Path dir;

    /** Every model, the later the slower: churn at 10 connections, idle at 10 and 100. */
    private static List<RunResult> runs() {
        List<Model> models = ModelRegistry.all();
        List<ModelRun> churn = new ArrayList<>();
        List<ModelRun> idle = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            double scale = 1 + m * 0.15;
            long[] latencies = new long[100];
            for (int i = 0; i < latencies.length; i++) latencies[i] = (long) (50 * US * scale * Math.pow(1.04, i));
            RrRuns.Iteration it = RrRuns.Iteration.closed(2000, 0.02 * scale, 0.06 * scale, latencies);
            churn.add(labelled(models.get(m), ConnectionRuns.with(RrRuns.model(models.get(m).name(), 128L, it, it, it),
                    10, ConnectionRuns.connect(30 * scale, 90 * scale), ConnectionRuns.connect(40 * scale, 100 * scale),
                    ConnectionRuns.connect(50 * scale, 200 * scale))));
            for (int connections : List.of(10, 100)) {
                RrRuns.Iteration beat = RrRuns.Iteration.closed(100, 0.01 * scale, 0.03 * scale, latencies);
                var established = ConnectionRuns.established(0.5 * scale, connections, 4096.0 * connections,
                        connections + m);
                idle.add(labelled(models.get(m), ConnectionRuns.with(RrRuns.model(models.get(m).name(), null, beat,
                        beat, beat), connections, established, established, established)));
            }
        }
        return List.of(ConnectionRuns.churn(churn.toArray(ModelRun[]::new)),
                ConnectionRuns.idle(idle.toArray(ModelRun[]::new)));
    }

    private static ModelRun labelled(Model model, ModelRun run) {
        return new ModelRun(run.model(), model.label(), run.connections(), null, run.iterations(), run.summary(),
                run.responseBytes(), run.latency());
    }

    @Test
    void churnAndIdlePagesOfEveryModelAreReadable() throws Exception {
        Assumptions.assumeTrue(Chromium.available(), "unavailable: no Chromium at " + Chromium.BINARY);
        PageLayout.Page page = PageLayout.measure(dir, HtmlReport.render(runs()));
        List<String> charts = page.charts().stream().map(PageLayout.ChartLayout::id).toList();
        assertThat(charts).contains("churn-latency-spectrum-1", "churn-ops_per_s", "churn-cpu_user_us_per_op",
                "idle-latency-spectrum-2", "idle-sweep-memory_per_connection_kib", "idle-standing_cpu_s_per_s");
        assertThat(page.series().overlaps()).isEmpty();
        PageLayout.assertReadable(page);
        // every model of the churn run in its charts, of the idle run in its
        int models = ModelRegistry.all().size();
        for (PageLayout.ChartLayout chart : page.charts()) {
            if (!chart.id().startsWith("memory-curve")) assertThat(chart.names()).as(chart.id()).hasSize(models);
        }
        PageLayout.ChartLayout bars = page.charts().stream().filter(c -> c.id().equals("churn-ops_per_s"))
                .findFirst().orElseThrow();
        assertThat(bars.texts()).contains("connections per second (connections/s)");
    }
}
