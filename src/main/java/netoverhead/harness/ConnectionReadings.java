package netoverhead.harness;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.HdrHistogram.Histogram;

import netoverhead.process.KernelSocketMemory;
import netoverhead.process.ProcFs;
import netoverhead.result.ConnectionFigures;
import netoverhead.result.JobResult;
import netoverhead.workload.WorkloadKind;

/**
 * What churn's and idle's own figures need beyond rr's, read around one iteration's window: for idle, the kernel's
 * memory for TCP sockets ({@link KernelSocketMemory}) before the first socket and in the window (all connections are
 * established by then), and the client's threads at the window's start and end; for churn, nothing but the child's
 * connect latencies.
 */
final class ConnectionReadings {
    private final WorkloadKind kind;
    private final ProcFs proc;
    private final long pid;
    private OptionalLong socketsBefore = OptionalLong.empty();
    private OptionalLong socketsInWindow = OptionalLong.empty();
    private int threads = -1;

    ConnectionReadings(WorkloadKind kind, ProcFs proc, long pid) {
        this.kind = kind;
        this.proc = proc;
        this.pid = pid;
    }

    /** Before GO, beside the baseline memory sample. */
    void beforeFirstSocket() {
        if (kind == WorkloadKind.IDLE) socketsBefore = KernelSocketMemory.bytes(pid);
    }

    /** At START. */
    void windowStarted() {
        if (kind != WorkloadKind.IDLE) return;
        socketsInWindow = KernelSocketMemory.bytes(pid);
        countThreads();
    }

    /** At END. */
    void windowEnded() {
        if (kind == WorkloadKind.IDLE) countThreads();
    }

    private void countThreads() {
        OptionalInt now = proc.threads();
        if (now.isPresent()) threads = Math.max(threads, now.getAsInt());
    }

    /** The figures, or null for the workloads that have none of them. */
    ConnectionFigures figures(List<JobResult> jobs, Aggregator.Window window) {
        return switch (kind) {
            case CHURN -> {
                Histogram connects = window.connectHistogram();
                boolean any = connects != null && connects.getTotalCount() > 0;
                yield new ConnectionFigures(any ? connects.getValueAtPercentile(50) / 1e3 : null,
                        any ? connects.getValueAtPercentile(99) / 1e3 : null, null, null, null, null);
            }
            case IDLE -> {
                long established = 0;
                long last = -1;
                for (JobResult job : jobs) {
                    if (job.connectedNs() < 0) continue;
                    established++;
                    last = Math.max(last, job.connectedNs());
                }
                Double sockets = socketsBefore.isPresent() && socketsInWindow.isPresent()
                        ? (double) (socketsInWindow.getAsLong() - socketsBefore.getAsLong()) : null;
                yield new ConnectionFigures(null, null, last < 0 ? null : last / 1e9, established, sockets,
                        threads < 0 ? null : threads);
            }
            default -> null;
        };
    }
}
