package netoverhead.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One connection's figures as the child reported them: times in nanoseconds from the start of the
 * measured window, -1 where a step never happened, and the error kind and message of a failed job. Workloads
 * of operations (rr) add how many completed in the warm-up, the measured window and after it; bulk jobs have
 * zero there.
 */
public record JobResult(int id, long socketStartNs, long socketCreateNs, long setupNs, long connectedNs,
                        long requestSentNs, long endNs, long bodyBytes, long contentLength, int status,
                        String error, String message, @JsonInclude(JsonInclude.Include.NON_DEFAULT) long opsWarmup,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long opsWindow,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long opsAfter) {

    /** A bulk job's record. */
    public JobResult(int id, long socketStartNs, long socketCreateNs, long setupNs, long connectedNs,
                     long requestSentNs, long endNs, long bodyBytes, long contentLength, int status,
                     String error, String message) {
        this(id, socketStartNs, socketCreateNs, setupNs, connectedNs, requestSentNs, endNs, bodyBytes, contentLength,
                status, error, message, 0, 0, 0);
    }

    public boolean failed() {
        return error != null;
    }

    public long downloadNs() {
        return !failed() && endNs >= 0 && requestSentNs >= 0 ? endNs - requestSentNs : -1;
    }
}
