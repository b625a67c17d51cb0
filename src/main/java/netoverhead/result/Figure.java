package netoverhead.result;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Every figure of an iteration, keyed by its CSV column name, with its unit, its place in the tables and how
 * it is summarised. The tables, the CSV, the summary and the comparison all iterate over this list, so a new
 * figure is one line here. The order of the figures that are CSV columns is the CSV's column order.
 */
public enum Figure {
    SOCKET_CREATE_US("socket_create_us", "us", "socket creation time", Table.HAIKU, "Socket creation time",
            Kind.MEASURED, (f, n) -> f.socketCreateUs()),
    JOB_SETUP_US("job_setup_us", "us", "job setup time", Table.HAIKU, "Job setup time",
            Kind.MEASURED, (f, n) -> f.jobSetupUs()),
    DOWNLOAD_S("download_s", "s", "download time", Table.HAIKU, "Download", Kind.MEASURED, (f, n) -> f.downloadS()),
    DOWNLOAD_MIBPS("download_mibps", "MiB/s", "download throughput", Table.HAIKU, "Download",
            Kind.MEASURED, (f, n) -> f.downloadMibps()),
    AGGREGATE_MIBPS("aggregate_mibps", "MiB/s", "aggregate throughput", Table.DETAIL, "Aggregate throughput",
            Kind.MEASURED, (f, n) -> f.aggregateMibps()),
    RUN_S("run_s", "s", "run time", Table.HAIKU, "Run time", Kind.MEASURED, (f, n) -> f.runS()),
    MEMORY_AVG_MIB("memory_avg_mib", "MiB", "average memory", Table.HAIKU, "Average memory consumption",
            Kind.MEASURED, (f, n) -> f.memoryAvgMib()),
    MEMORY_PEAK_MIB("memory_peak_mib", "MiB", "peak memory", Table.DETAIL, "Peak memory",
            Kind.MEASURED, (f, n) -> f.memoryPeakMib()),
    MEMORY_BASELINE_MIB("memory_baseline_mib", "MiB", "baseline memory", Table.NONE, null,
            Kind.MEASURED, (f, n) -> f.memoryBaselineMib()),
    // below the baseline when the model gives back more than it takes: the one figure that may be negative
    MEMORY_PER_CONNECTION_KIB("memory_per_connection_kib", "KiB", "memory per connection", Table.DETAIL,
            "Memory per connection", Kind.DERIVED_SIGNED,
            (f, n) -> f.memoryAvgMib() == null || f.memoryBaselineMib() == null || n == 0 ? null
                    : (f.memoryAvgMib() - f.memoryBaselineMib()) * 1024 / n),
    CPU_USER_S("cpu_user_s", "s", "CPU user", Table.DETAIL, "CPU user", Kind.MEASURED, (f, n) -> f.cpuUserS()),
    CPU_SYS_S("cpu_sys_s", "s", "CPU system", Table.DETAIL, "CPU system", Kind.MEASURED, (f, n) -> f.cpuSysS()),
    CPU_S_PER_GIB("cpu_s_per_gib", "s/GiB", "CPU seconds per GiB", Table.DETAIL, "CPU per GiB", Kind.DERIVED,
            (f, n) -> f.cpuUserS() == null || f.cpuSysS() == null || f.bytesReceived() == 0 ? null
                    : (f.cpuUserS() + f.cpuSysS()) / (f.bytesReceived() / (double) (1L << 30))),
    BYTES_RECEIVED("bytes_received", "bytes", "bytes received", Table.NONE, null, Kind.COUNT,
            (f, n) -> (double) f.bytesReceived()),
    BYTES_EXPECTED("bytes_expected", "bytes", "bytes expected", Table.NONE, null, Kind.COUNT,
            (f, n) -> (double) f.bytesExpected()),
    ERRORS("errors", "", "failed jobs", Table.NONE, null, Kind.COUNT, (f, n) -> (double) f.errors());

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
        COUNT
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

    public String unit() { return unit; }

    public String title() { return title; }

    /** The table that shows this figure's mean. */
    public Table table() { return table; }

    /** The column title in its table; figures that share a title share the cell ("2.1 s @ 94 MiB/s"). */
    public String column() { return column; }

    /** Whether the figure is a CSV column of its own (derived figures are not). */
    public boolean csvColumn() { return kind == Kind.MEASURED || kind == Kind.COUNT; }

    /** Whether it has a mean, median, spread and comparison over iterations (counts of bytes and errors do not). */
    public boolean summarised() { return kind != Kind.COUNT; }

    /** Whether it is a whole number, written without a fraction. */
    public boolean integral() { return kind == Kind.COUNT; }

    /** Whether it can never be below zero, so that an interval reaching below zero means too much noise. */
    public boolean positive() { return kind != Kind.DERIVED_SIGNED; }

    /** This figure of one iteration with {@code connections} connections, or null if not measured. */
    public Double of(IterationFigures figures, int connections) {
        return value.apply(figures, connections);
    }

    /** The CSV's figure columns, in the contract's order. */
    public static List<Figure> csvColumns() {
        return Arrays.stream(values()).filter(Figure::csvColumn).toList();
    }

    /** The figures a summary and a comparison cover. */
    public static List<Figure> summarisedFigures() {
        return Arrays.stream(values()).filter(Figure::summarised).toList();
    }

    /** The figures one table shows, in column order. */
    public static List<Figure> inTable(Table table) {
        return Arrays.stream(values()).filter(f -> f.table == table).toList();
    }
}
