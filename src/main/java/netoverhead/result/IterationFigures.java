package netoverhead.result;

/**
 * The figures of one iteration, as docs/measuring.md defines them; one CSV row. Null means the figure could not be
 * measured (no successful job, or no /proc to read), never zero.
 */
public record IterationFigures(Double socketCreateUs, Double jobSetupUs, Double downloadS, Double downloadMibps,
                               Double aggregateMibps, Double runS, Double memoryAvgMib, Double memoryPeakMib,
                               Double memoryBaselineMib, Double cpuUserS, Double cpuSysS, long bytesReceived,
                               long bytesExpected, int errors) {}
