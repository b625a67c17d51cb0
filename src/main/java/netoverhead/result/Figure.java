package netoverhead.result;

import java.util.function.BiFunction;

/**
 * Every figure that is summarised over iterations, keyed by its CSV column name. Reports, comparisons and
 * the summary all iterate over this list, so a new figure is one line here.
 */
public enum Figure {
    SOCKET_CREATE_US("socket_create_us", "us", "socket creation time", (f, n) -> f.socketCreateUs()),
    JOB_SETUP_US("job_setup_us", "us", "job setup time", (f, n) -> f.jobSetupUs()),
    DOWNLOAD_S("download_s", "s", "download time", (f, n) -> f.downloadS()),
    DOWNLOAD_MIBPS("download_mibps", "MiB/s", "download throughput", (f, n) -> f.downloadMibps()),
    AGGREGATE_MIBPS("aggregate_mibps", "MiB/s", "aggregate throughput", (f, n) -> f.aggregateMibps()),
    RUN_S("run_s", "s", "run time", (f, n) -> f.runS()),
    MEMORY_AVG_MIB("memory_avg_mib", "MiB", "average memory", (f, n) -> f.memoryAvgMib()),
    MEMORY_PEAK_MIB("memory_peak_mib", "MiB", "peak memory", (f, n) -> f.memoryPeakMib()),
    MEMORY_BASELINE_MIB("memory_baseline_mib", "MiB", "baseline memory", (f, n) -> f.memoryBaselineMib()),
    MEMORY_PER_CONNECTION_KIB("memory_per_connection_kib", "KiB", "memory per connection",
            (f, n) -> f.memoryAvgMib() == null || f.memoryBaselineMib() == null || n == 0 ? null
                    : (f.memoryAvgMib() - f.memoryBaselineMib()) * 1024 / n),
    CPU_USER_S("cpu_user_s", "s", "CPU user", (f, n) -> f.cpuUserS()),
    CPU_SYS_S("cpu_sys_s", "s", "CPU system", (f, n) -> f.cpuSysS()),
    CPU_S_PER_GIB("cpu_s_per_gib", "s/GiB", "CPU seconds per GiB",
            (f, n) -> f.cpuUserS() == null || f.cpuSysS() == null || f.bytesReceived() == 0 ? null
                    : (f.cpuUserS() + f.cpuSysS()) / (f.bytesReceived() / (double) (1L << 30))),
    ERRORS("errors", "", "failed jobs", (f, n) -> (double) f.errors());

    private final String key;
    private final String unit;
    private final String title;
    private final BiFunction<IterationFigures, Integer, Double> value;

    Figure(String key, String unit, String title, BiFunction<IterationFigures, Integer, Double> value) {
        this.key = key;
        this.unit = unit;
        this.title = title;
        this.value = value;
    }

    public String key() { return key; }

    public String unit() { return unit; }

    public String title() { return title; }

    /** This figure of one iteration with {@code connections} connections, or null if not measured. */
    public Double of(IterationFigures figures, int connections) {
        return value.apply(figures, connections);
    }
}
