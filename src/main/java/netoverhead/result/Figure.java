package netoverhead.result;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every figure of an iteration, keyed by its CSV column name, with its unit, its place in the tables and how
 * it is summarised. The tables, the CSV, the summary and the comparison all iterate over this list, so a new
 * figure is one line here. The order of the figures that are CSV columns is the CSV's column order: the bulk
 * columns before {@code workload}, the operation columns (rr, churn, idle) after it, then churn's and idle's own
 * figures, which are not CSV columns. A bulk figure that means nothing for a workload of operations (download,
 * aggregate throughput, CPU per GiB) is null on its iterations, and the operation figures are null on bulk ones,
 * so that a summary holds only what the workload measured. Titles and units name the operation through
 * {@link OperationUnit}'s placeholders: a request, a connection (churn) or a heartbeat (idle).
 */
public enum Figure {
    SOCKET_CREATE_US("socket_create_us", "us", "socket creation time", Table.HAIKU, "Socket creation time",
            Kind.MEASURED, (f, n) -> f.socketCreateUs()),
    JOB_SETUP_US("job_setup_us", "us", "job setup time", Table.HAIKU, "Job setup time",
            Kind.MEASURED, (f, n) -> f.jobSetupUs()),
    DOWNLOAD_S("download_s", "s", "download time", Table.HAIKU, "Download", Kind.MEASURED, bulkOnly(f -> f.downloadS())),
    DOWNLOAD_MIBPS("download_mibps", "MiB/s", "download throughput", Table.HAIKU, "Download",
            Kind.MEASURED, bulkOnly(f -> f.downloadMibps())),
    AGGREGATE_MIBPS("aggregate_mibps", "MiB/s", "aggregate throughput", Table.DETAIL, "Aggregate throughput",
            Kind.MEASURED, bulkOnly(f -> f.aggregateMibps())),
    RUN_S("run_s", "s", "run time", Table.HAIKU, "Run time", Kind.MEASURED, (f, n) -> f.runS()),
    MEMORY_AVG_MIB("memory_avg_mib", "MiB", "average memory", Table.HAIKU, "Average memory consumption",
            Kind.MEASURED, (f, n) -> f.memoryAvgMib()),
    MEMORY_PEAK_MIB("memory_peak_mib", "MiB", "peak memory", Table.DETAIL, "Peak memory",
            Kind.MEASURED, (f, n) -> f.memoryPeakMib()),
    MEMORY_BASELINE_MIB("memory_baseline_mib", "MiB", "baseline memory", Table.NONE, null,
            Kind.MEASURED, (f, n) -> f.memoryBaselineMib()),
    // below the baseline when the model gives back more than it takes: the one figure that may be negative
    MEMORY_PER_CONNECTION_KIB("memory_per_connection_kib", "KiB", "memory per {connection}", Table.DETAIL,
            "Memory per connection", Kind.DERIVED_SIGNED,
            (f, n) -> f.memoryAvgMib() == null || f.memoryBaselineMib() == null || n == 0 ? null
                    : (f.memoryAvgMib() - f.memoryBaselineMib()) * 1024 / n),
    CPU_USER_S("cpu_user_s", "s", "CPU user", Table.DETAIL, "CPU user", Kind.MEASURED, (f, n) -> f.cpuUserS()),
    CPU_SYS_S("cpu_sys_s", "s", "CPU system", Table.DETAIL, "CPU system", Kind.MEASURED, (f, n) -> f.cpuSysS()),
    CPU_S_PER_GIB("cpu_s_per_gib", "s/GiB", "CPU seconds per GiB", Table.DETAIL, "CPU per GiB", Kind.DERIVED,
            bulkOnly(f -> f.cpuUserS() == null || f.cpuSysS() == null || f.bytesReceived() == 0 ? null
                    : (f.cpuUserS() + f.cpuSysS()) / (f.bytesReceived() / (double) (1L << 30)))),
    BYTES_RECEIVED("bytes_received", "bytes", "bytes received", Table.NONE, null, Kind.COUNT,
            (f, n) -> (double) f.bytesReceived()),
    BYTES_EXPECTED("bytes_expected", "bytes", "bytes expected", Table.NONE, null, Kind.COUNT,
            (f, n) -> (double) f.bytesExpected()),
    ERRORS("errors", "", "failed jobs", Table.NONE, null, Kind.COUNT, (f, n) -> (double) f.errors()),

    // The figures of a workload of operations (rr, churn, idle), null on bulk iterations. The CSV's operation
    // columns, in the contract's order, then the figures that only the summary, the tables and the charts hold.
    DURATION_S("duration_s", "s", "measured window", Table.NONE, null, Kind.OPERATION_PLAIN,
            ops(o -> o.windowS())),
    OPERATIONS("operations", "", "{ops} completed in the window", Table.NONE, null, Kind.OPERATION_COUNT,
            ops(o -> (double) o.operations())),
    OPS_PER_S("ops_per_s", "{ops}/s", "{ops} per second", Table.NONE, null, Kind.OPERATION, ops(o -> o.opsPerS())),
    LATENCY_P50_US("latency_p50_us", "us", "{latency} p50", Table.NONE, null, Kind.LATENCY, ops(o -> o.latencyP50Us())),
    LATENCY_P90_US("latency_p90_us", "us", "{latency} p90", Table.NONE, null, Kind.LATENCY, ops(o -> o.latencyP90Us())),
    LATENCY_P99_US("latency_p99_us", "us", "{latency} p99", Table.NONE, null, Kind.LATENCY, ops(o -> o.latencyP99Us())),
    LATENCY_P999_US("latency_p999_us", "us", "{latency} p99.9", Table.NONE, null, Kind.LATENCY,
            ops(o -> o.latencyP999Us())),
    LATENCY_MAX_US("latency_max_us", "us", "{latency} max", Table.NONE, null, Kind.LATENCY, ops(o -> o.latencyMaxUs())),
    RATE_RATIO("rate_ratio", "", "rate ratio", Table.NONE, null, Kind.OPERATION, ops(o -> o.rateRatio())),
    CPU_US_PER_OP("cpu_us_per_op", "us", "CPU per {op}", Table.NONE, null, Kind.OPERATION,
            (f, n) -> perOperation(f, f.cpuUserS() == null || f.cpuSysS() == null ? null
                    : (f.cpuUserS() + f.cpuSysS()) * 1e6)),
    CTX_SWITCHES_PER_OP("ctx_switches_per_op", "", "context switches per {op}", Table.NONE, null, Kind.OPERATION,
            (f, n) -> perOperation(f, f.operations() == null || f.operations().contextSwitches() == null ? null
                    : (double) f.operations().contextSwitches())),
    SYSCALLS_PER_OP("syscalls_per_op", "", "system calls per {op}", Table.NONE, null, Kind.OPERATION,
            (f, n) -> perOperation(f, f.operations() == null || f.operations().syscalls() == null ? null
                    : (double) f.operations().syscalls())),
    CPU_USER_US_PER_OP("cpu_user_us_per_op", "us", "CPU user per {op}", Table.NONE, null, Kind.DERIVED,
            (f, n) -> perOperation(f, f.cpuUserS() == null ? null : f.cpuUserS() * 1e6)),
    CPU_SYS_US_PER_OP("cpu_sys_us_per_op", "us", "CPU system per {op}", Table.NONE, null, Kind.DERIVED,
            (f, n) -> perOperation(f, f.cpuSysS() == null ? null : f.cpuSysS() * 1e6)),
    /** The control: the server's CPU over the window per request; the iteration holds it, not its figures. */
    SERVER_CPU_US_PER_OP("server_cpu_us_per_op", "us", "server CPU per {op}", Table.NONE, null, Kind.DERIVED,
            (f, n) -> null),

    // churn's and idle's own figures, from their connection figures; null on the other workloads
    /** Churn: connect latency (socket created to connected), the iteration's own percentiles. */
    CONNECT_P50_US("connect_p50_us", "us", "connect latency p50", Table.NONE, null, Kind.PERCENTILE,
            connection((c, n) -> c.connectP50Us())),
    CONNECT_P99_US("connect_p99_us", "us", "connect latency p99", Table.NONE, null, Kind.PERCENTILE,
            connection((c, n) -> c.connectP99Us())),
    /** Idle: from the iteration's start to its last connection established. */
    ESTABLISH_S("establish_s", "s", "establish time", Table.NONE, null, Kind.DERIVED,
            connection((c, n) -> c.establishS())),
    ESTABLISHED("established", "", "connections established", Table.NONE, null, Kind.DERIVED,
            connection((c, n) -> c.established() == null ? null : (double) c.established())),
    ESTABLISH_PER_S("establish_per_s", "connections/s", "establish rate", Table.NONE, null, Kind.DERIVED,
            connection((c, n) -> c.establishPerS())),
    /** Idle: the kernel's TCP socket memory (both ends, on loopback) per connection; a difference, so signed. */
    KERNEL_SOCKET_KIB_PER_CONNECTION("kernel_socket_kib_per_connection", "KiB", "kernel socket memory per connection",
            Table.NONE, null, Kind.DERIVED_SIGNED,
            connection((c, n) -> c.kernelSocketBytes() == null || n == 0 ? null : c.kernelSocketBytes() / 1024 / n)),
    THREADS("threads", "", "threads", Table.NONE, null, Kind.DERIVED,
            connection((c, n) -> c.threads() == null ? null : (double) c.threads())),
    /** Idle: the client's CPU seconds per second of the window, what holding the connections costs. */
    STANDING_CPU_S_PER_S("standing_cpu_s_per_s", "s/s", "standing CPU", Table.NONE, null, Kind.DERIVED,
            (f, n) -> !idle(f) || f.cpuUserS() == null || f.cpuSysS() == null || f.operations().windowS() <= 0 ? null
                    : (f.cpuUserS() + f.cpuSysS()) / f.operations().windowS());


    /** Which table of the terminal and Markdown output shows the figure. */
    public enum Table { HAIKU, DETAIL, NONE }

    private enum Kind {
        /** Measured per iteration: a CSV column, summarised over the counted iterations, never negative. */
        MEASURED,
        /** Computed from measured figures: summarised, not a CSV column of its own, never negative. */
        DERIVED,
        /** As DERIVED, but may honestly be negative. */
        DERIVED_SIGNED,
        /** A count of bytes or jobs: a CSV column as a whole number, never averaged. */
        COUNT,
        /** An operation workload's figure: one of the CSV's operation columns, summarised. */
        OPERATION,
        /** An operation column that describes the iteration (its window), not summarised. */
        OPERATION_PLAIN,
        /** An operation column that is a count, as a whole number, not summarised. */
        OPERATION_COUNT,
        /**
         * A latency percentile: an operation column, never summarised by a mean (percentiles are never
         * averaged); the tables take it from the merged histogram ({@link ModelRun#latency()}).
         */
        LATENCY,
        /**
         * A percentile of one iteration that is not a CSV column (churn's connect latency): never summarised by a
         * mean; the tables show the median of the iterations' own, compare compares them as it does latency.
         */
        PERCENTILE
    }

    private final String key;
    private final String unit;
    private final String title;
    private final Table table;
    private final String column;
    private final Kind kind;
    private final BiFunction<IterationFigures, Integer, Double> value;

    Figure(String key, String unit, String title, Table table, String column, Kind kind,
           BiFunction<IterationFigures, Integer, Double> value) {
        this.key = key;
        this.unit = unit;
        this.title = title;
        this.table = table;
        this.column = column;
        this.kind = kind;
        this.value = value;
    }

    public String key() { return key; }

    /** The unit, with rr's words for the operation (requests/s). */
    public String unit() { return unit(OperationUnit.REQUEST); }

    /** The title of the figure, with rr's words for the operation (a request). */
    public String title() { return title(OperationUnit.REQUEST); }

    /** The title in the words of a workload's operation: "CPU per connection" for churn. */
    public String title(OperationUnit operation) { return operation.fill(title); }

    /** The unit in the words of a workload's operation: "connections/s" for churn's operations per second. */
    public String unit(OperationUnit operation) { return operation.fill(unit); }

    /** The table that shows this figure's mean. */
    public Table table() { return table; }

    /** The column title in its table; figures that share a title share the cell ("2.1 s @ 94 MiB/s"). */
    public String column() { return column; }

    /** Whether the figure is one of the CSV's columns before {@code workload} (derived figures are not). */
    public boolean csvColumn() { return kind == Kind.MEASURED || kind == Kind.COUNT; }

    /** Whether the figure is one of the CSV's operation columns, after {@code workload}. */
    public boolean operationColumn() {
        return kind == Kind.OPERATION || kind == Kind.OPERATION_PLAIN || kind == Kind.OPERATION_COUNT
                || kind == Kind.LATENCY;
    }

    /** Whether it is a figure of a workload of operations (rr, churn, idle), null on bulk iterations. */
    public boolean forOperations() { return ordinal() > ERRORS.ordinal(); }

    /** Whether it is a latency percentile of one iteration, which a mean over iterations would misstate. */
    public boolean latency() { return kind == Kind.LATENCY || kind == Kind.PERCENTILE; }

    /**
     * Whether it has a mean, median, spread and comparison over iterations (counts of bytes, errors and
     * operations, the window's length and latency percentiles do not).
     */
    public boolean summarised() {
        return kind != Kind.COUNT && kind != Kind.OPERATION_COUNT && kind != Kind.OPERATION_PLAIN
                && kind != Kind.LATENCY && kind != Kind.PERCENTILE;
    }

    /** Whether it is a whole number, written without a fraction. */
    public boolean integral() { return kind == Kind.COUNT || kind == Kind.OPERATION_COUNT; }

    /** Whether it can never be below zero, so that an interval reaching below zero means too much noise. */
    public boolean positive() { return kind != Kind.DERIVED_SIGNED; }

    /** This figure of one iteration with {@code connections} connections, or null if not measured. */
    public Double of(IterationFigures figures, int connections) {
        return value.apply(figures, connections);
    }

    /**
     * This figure of one iteration, including what the iteration holds beside its figures (the server's CPU),
     * or null if not measured.
     */
    public Double of(IterationResult iteration, int connections) {
        IterationFigures f = iteration.figures();
        if (f == null) return null;
        if (this == SERVER_CPU_US_PER_OP) {
            return iteration.serverCpuS() == null ? null : perOperation(f, iteration.serverCpuS() * 1e6);
        }
        return of(f, connections);
    }

    /** The CSV's figure columns before {@code workload}, in the contract's order. */
    public static List<Figure> csvColumns() {
        return Arrays.stream(values()).filter(Figure::csvColumn).toList();
    }

    /** The CSV's operation columns between {@code workload} and {@code label}, in the contract's order. */
    public static List<Figure> operationColumns() {
        return Arrays.stream(values()).filter(Figure::operationColumn).toList();
    }

    /** The figures a summary and a comparison cover. */
    public static List<Figure> summarisedFigures() {
        return Arrays.stream(values()).filter(Figure::summarised).toList();
    }

    /** A bulk figure that has no meaning for a workload of operations: null on their iterations. */
    private static BiFunction<IterationFigures, Integer, Double> bulkOnly(Function<IterationFigures, Double> value) {
        return (f, n) -> f.operations() != null ? null : value.apply(f);
    }

    /** An operation figure, null on bulk iterations. */
    private static BiFunction<IterationFigures, Integer, Double> ops(Function<OperationFigures, Double> value) {
        return (f, n) -> f.operations() == null ? null : value.apply(f.operations());
    }

    /** A figure of churn's or idle's connection figures, null where the iteration has none. */
    private static BiFunction<IterationFigures, Integer, Double> connection(
            BiFunction<ConnectionFigures, Integer, Double> value) {
        return (f, n) -> f.operations() == null || f.operations().connection() == null ? null
                : value.apply(f.operations().connection(), n);
    }

    /** Whether the iteration is one of idle: its connection figures say how many connections were established. */
    private static boolean idle(IterationFigures f) {
        return f.operations() != null && f.operations().connection() != null
                && f.operations().connection().established() != null;
    }

    /** A total over the window per operation; null on bulk, without the total, or without an operation. */
    private static Double perOperation(IterationFigures f, Double total) {
        if (f.operations() == null || total == null || f.operations().operations() == 0) return null;
        return total / f.operations().operations();
    }

    /** The figures one table shows, in column order. */
    public static List<Figure> inTable(Table table) {
        return Arrays.stream(values()).filter(f -> f.table == table).toList();
    }
}
