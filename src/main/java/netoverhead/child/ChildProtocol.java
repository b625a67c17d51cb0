package netoverhead.child;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;
import netoverhead.result.JobResult;
import netoverhead.workload.Latencies;

/**
 * The lines a child writes on its stdout, one event per line, fields separated by tabs. The native clients
 * write the same lines, so the format stays plain text:
 *
 * <pre>
 * READY                       loaded and waiting; the parent takes the baseline sample, then sends GO
 * START                       the measured window begins (the first socket is about to be created)
 * END  window_ns              every job has ended; the child now waits for REPORT on its stdin, so that the
 *                             parent reads its final memory and CPU before the records are written
 * JOB  id socket_start_ns socket_create_ns setup_ns connected_ns sent_ns end_ns body_bytes content_length status error message ops_warmup ops_window ops_after
 * LAT  value:count ...         workloads of operations: the window's latencies in ns, one pair per histogram bucket
 * DONE                        all records written
 * FAIL message                the child could not run at all
 * </pre>
 *
 * Times are nanoseconds from the start of the window, -1 where a step never happened; {@code error} is an
 * {@link ErrorKind} label or {@code -}. For workloads of operations (rr) START comes when the warm-up ends and
 * END when the measured window does; the jobs drain after REPORT, and then the records follow. The three
 * operation counts (by the phase they completed in: warm-up, window, after) may be missing: zero.
 */
public final class ChildProtocol {
    public static final String READY = "READY";
    public static final String GO = "GO";
    public static final String START = "START";
    public static final String END = "END";
    public static final String REPORT = "REPORT";
    public static final String JOB = "JOB";
    public static final String DONE = "DONE";
    public static final String FAIL = "FAIL";
    public static final String LAT = "LAT";
    /** Churn's connect latencies, after LAT, in LAT's form. */
    public static final String CLAT = "CLAT";

    private ChildProtocol() {}

    public static String encode(JobRecord r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(JOB).append('\t').append(r.id)
                .append('\t').append(r.socketStartAt)
                .append('\t').append(r.socketCreateNs)
                .append('\t').append(r.setupNs)
                .append('\t').append(r.connectedAt)
                .append('\t').append(r.requestSentAt)
                .append('\t').append(r.endAt)
                .append('\t').append(r.bodyBytes)
                .append('\t').append(r.contentLength)
                .append('\t').append(r.status)
                .append('\t').append(r.error == null ? "-" : r.error.label())
                .append('\t').append(r.message == null ? "" : clean(r.message))
                .append('\t').append(r.opsWarmup)
                .append('\t').append(r.opsWindow)
                .append('\t').append(r.opsAfter);
        return sb.toString();
    }

    /** The LAT line of a run's latencies. */
    public static String latencies(Latencies latencies) {
        String pairs = latencies.encode();
        return pairs.isEmpty() ? LAT : LAT + "\t" + pairs;
    }

    /** The CLAT line of churn's connect latencies. */
    public static String connectLatencies(Latencies latencies) {
        String pairs = latencies.encode();
        return pairs.isEmpty() ? CLAT : CLAT + "\t" + pairs;
    }

    public static JobResult decode(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 12 || !f[0].equals(JOB)) throw new IllegalArgumentException("not a job record: " + line);
        ErrorKind kind = f[11].equals("-") ? null : ErrorKind.ofLabel(f[11]);
        String message = f.length > 12 && !f[12].isEmpty() ? f[12] : null;
        boolean ops = f.length >= 16;
        return new JobResult(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), Integer.parseInt(f[10]),
                kind == null ? null : kind.label(), message,
                ops ? Long.parseLong(f[13]) : 0, ops ? Long.parseLong(f[14]) : 0, ops ? Long.parseLong(f[15]) : 0);
    }

    public static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
