package netoverhead.harness;

import java.util.List;

import netoverhead.job.ErrorKind;
import netoverhead.result.JobResult;

/**
 * Holds every job to the payload's length. A client ends a job where the response's framing says the body
 * ends (Content-Length, the last chunk, or the close), so a body whose framing is sound but whose length is not
 * the payload's passes the client; here, in the parent that knows the length the probe learned, it becomes a
 * failed job of kind {@link ErrorKind#LENGTH}. Jobs that failed already keep their own kind.
 */
public final class ExpectedLength {
    private ExpectedLength() {}

    /** Replaces, in {@code jobs}, each successful job whose body is not {@code expectedBytes} long by a failed one. */
    public static void apply(List<JobResult> jobs, long expectedBytes) {
        jobs.replaceAll(job -> job.failed() || job.bodyBytes() == expectedBytes ? job : mismatch(job, expectedBytes));
    }

    private static JobResult mismatch(JobResult job, long expectedBytes) {
        String message = "body of " + job.bodyBytes() + " bytes, not the payload's " + expectedBytes;
        return new JobResult(job.id(), job.socketStartNs(), job.socketCreateNs(), job.setupNs(), job.connectedNs(),
                job.requestSentNs(), job.endNs(), job.bodyBytes(), job.contentLength(), job.status(),
                ErrorKind.LENGTH.label(), message);
    }
}
