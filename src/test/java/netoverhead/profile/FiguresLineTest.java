package netoverhead.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;

/** The line of figures atop a recording's summary says why there are none, and never "null". */
class FiguresLineTest {
    private static IterationFigures figures(Double runS, int errors) {
        return new IterationFigures(20.0, 10.0, null, null, null, runS, 60.0, 70.0, 40.0, 0.5, 0.25, 0, 1000, errors);
    }

    @Test
    void anIterationWithoutFiguresSaysWhy() {
        // every job failed before it ended: no run time, and the child itself did not fail
        IterationResult noRunTime = new IterationResult(1, figures(null, 2), null, Map.of("connect", 2), null,
                List.of(), List.of());
        assertThat(Recorder.figuresLine(noRunTime, false))
                .isEqualTo("measured under JFR: no figures (no job both started and ended; 2 failed jobs)");

        IterationResult nothing = new IterationResult(1, null, null, Map.of(), null, List.of(), List.of());
        assertThat(Recorder.figuresLine(nothing, true))
                .isEqualTo("measured under JFR and perf: no figures (the child reported none)");

        IterationResult crashed = new IterationResult(1, null, "the child exited with status 137", Map.of(), null,
                List.of(), List.of());
        assertThat(Recorder.figuresLine(crashed, false))
                .isEqualTo("measured under JFR: no figures (the child exited with status 137)");
    }

    @Test
    void anIterationWithFiguresShowsThem() {
        IterationResult ok = new IterationResult(1, figures(0.5, 0), null, Map.of(), null, List.of(), List.of());
        assertThat(Recorder.figuresLine(ok, false)).startsWith("measured under JFR (not comparable with unprofiled runs): "
                + "run time 0.500 s, aggregate n/a MiB/s").doesNotContain("null");
    }
}
