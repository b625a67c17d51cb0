package netoverhead.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The figures of one iteration of a workload of operations (rr), over its measured window; docs/measuring.md
 * defines each. Latencies are the percentiles of the iteration's merged histogram, in microseconds. Null
 * where a figure could not be measured (no operation completed, no perf), never zero.
 *
 * @param windowS         the measured window's length
 * @param operations      operations completed in the window
 * @param opsWarmup       operations completed in the warm-up (not measured, but answered by the server)
 * @param opsAfter        operations completed after the window, while in-flight requests drained
 * @param rateRatio       open loop: achieved rate over the asked rate; null in the closed loop
 * @param contextSwitches voluntary and involuntary, every thread of the client, over the window
 * @param syscalls        system calls of the client over the window, where perf could count them
 * @param connection      churn's and idle's own figures; null for rr
 */
public record OperationFigures(double windowS, long operations, long opsWarmup, long opsAfter, Double latencyP50Us,
                               Double latencyP90Us, Double latencyP99Us, Double latencyP999Us, Double latencyMaxUs,
                               Double rateRatio, Long contextSwitches, Long syscalls,
                               @JsonInclude(JsonInclude.Include.NON_NULL) ConnectionFigures connection) {

    /** The figures of rr, which has no connection figures. */
    public OperationFigures(double windowS, long operations, long opsWarmup, long opsAfter, Double latencyP50Us,
                            Double latencyP90Us, Double latencyP99Us, Double latencyP999Us, Double latencyMaxUs,
                            Double rateRatio, Long contextSwitches, Long syscalls) {
        this(windowS, operations, opsWarmup, opsAfter, latencyP50Us, latencyP90Us, latencyP99Us, latencyP999Us,
                latencyMaxUs, rateRatio, contextSwitches, syscalls, null);
    }

    /** These figures with churn's or idle's connection figures. */
    public OperationFigures withConnection(ConnectionFigures figures) {
        return new OperationFigures(windowS, operations, opsWarmup, opsAfter, latencyP50Us, latencyP90Us, latencyP99Us,
                latencyP999Us, latencyMaxUs, rateRatio, contextSwitches, syscalls, figures);
    }

    /** Operations per second over the window, or null for an empty window. */
    public Double opsPerS() {
        return windowS > 0 ? operations / windowS : null;
    }

    /** The iteration held its asked rate: always in the closed loop. */
    public boolean heldRate() {
        return rateRatio == null || rateRatio >= RATE_HELD;
    }

    /** Below this share of its asked rate an open-loop iteration "did not hold the rate". */
    public static final double RATE_HELD = 0.99;
}
