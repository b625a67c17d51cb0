package netoverhead.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import netoverhead.result.Figure;

/**
 * The charts of churn (an operation is a connection) and idle (a heartbeat on connections held open), beside
 * rr's ({@link RrCharts}). Churn: the transaction latency's percentile spectrum, connections per second and the
 * bill per connection as bars. Idle: the heartbeats' round trip spectrum, the memory per idle connection against
 * the connection count of a sweep (bars with one count), and the kernel's socket memory, the threads and the
 * standing CPU as bars. Their ids begin with the workload's name ({@code churn-ops_per_s}), so that a page that
 * also holds rr keeps every id once.
 */
final class ConnectionCharts {
    /** Churn's figures drawn per model as bars. */
    static final List<Figure> CHURN_BARS = List.of(Figure.OPS_PER_S, Figure.CPU_US_PER_OP, Figure.CPU_USER_US_PER_OP,
            Figure.CPU_SYS_US_PER_OP, Figure.CTX_SWITCHES_PER_OP, Figure.SYSCALLS_PER_OP);
    /** Idle's figures drawn per model as bars, after the memory per idle connection. */
    static final List<Figure> IDLE_BARS = List.of(Figure.KERNEL_SOCKET_KIB_PER_CONNECTION, Figure.STANDING_CPU_S_PER_S,
            Figure.THREADS);

    private ConnectionCharts() {}

    static List<RenderedChart> churn(List<ReportRow> rows, SeriesStyles styles) {
        List<RenderedChart> charts = new ArrayList<>(LatencySpectrumChart.render(rows, styles));
        for (Figure f : CHURN_BARS) charts.add(ModelBarChart.render(f, rows, styles));
        return prefixed("churn-", charts);
    }

    static List<RenderedChart> idle(List<ReportRow> rows, SeriesStyles styles) {
        List<RenderedChart> charts = new ArrayList<>(LatencySpectrumChart.render(rows, styles));
        // what an idle connection costs the client, against the connection count where the run swept it
        charts.add(ReportRow.sweep(rows) ? SweepChart.render(Figure.MEMORY_PER_CONNECTION_KIB, rows, styles)
                : ModelBarChart.render(Figure.MEMORY_PER_CONNECTION_KIB, rows, styles));
        for (Figure f : IDLE_BARS) charts.add(ModelBarChart.render(f, rows, styles));
        return prefixed("idle-", charts);
    }

    private static List<RenderedChart> prefixed(String prefix, List<RenderedChart> charts) {
        return charts.stream().filter(Objects::nonNull).map(c -> c.prefixed(prefix)).toList();
    }
}
