package netoverhead.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The figures of one iteration, as docs/measuring.md defines them; one CSV row. Null means the figure could not be
 * measured (no successful job, or no /proc to read), never zero. {@code operations} holds the figures of a
 * workload of operations (rr), null for bulk.
 */
public record IterationFigures(Double socketCreateUs, Double jobSetupUs, Double downloadS, Double downloadMibps,
                               Double aggregateMibps, Double runS, Double memoryAvgMib, Double memoryPeakMib,
                               Double memoryBaselineMib, Double cpuUserS, Double cpuSysS, long bytesReceived,
                               long bytesExpected, int errors,
                               @JsonInclude(JsonInclude.Include.NON_NULL) OperationFigures operations) {

    /** The figures of a bulk iteration. */
    public IterationFigures(Double socketCreateUs, Double jobSetupUs, Double downloadS, Double downloadMibps,
                            Double aggregateMibps, Double runS, Double memoryAvgMib, Double memoryPeakMib,
                            Double memoryBaselineMib, Double cpuUserS, Double cpuSysS, long bytesReceived,
                            long bytesExpected, int errors) {
        this(socketCreateUs, jobSetupUs, downloadS, downloadMibps, aggregateMibps, runS, memoryAvgMib, memoryPeakMib,
                memoryBaselineMib, cpuUserS, cpuSysS, bytesReceived, bytesExpected, errors, null);
    }

    /**
     * These figures with the operation figures of a workload of operations, and without the figures of one
     * download (download time and throughput, aggregate throughput), which mean nothing there.
     *
     * @param expected the body bytes every answered operation should have brought
     */
    public IterationFigures withOperations(OperationFigures ops, long expected) {
        return new IterationFigures(socketCreateUs, jobSetupUs, null, null, null, runS,
                memoryAvgMib, memoryPeakMib, memoryBaselineMib, cpuUserS, cpuSysS, bytesReceived, expected,
                errors, ops);
    }
}
