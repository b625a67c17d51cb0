package netoverhead.result;

/**
 * One connection's figures as the child reported them: times in nanoseconds from the start of the
 * measured window, -1 where a step never happened, and the error kind and message of a failed job.
 */
public record JobResult(int id, long socketStartNs, long socketCreateNs, long setupNs, long connectedNs,
                        long requestSentNs, long endNs, long bodyBytes, long contentLength, int status,
                        String error, String message) {

    public boolean failed() {
        return error != null;
    }

    public long downloadNs() {
        return !failed() && endNs >= 0 && requestSentNs >= 0 ? endNs - requestSentNs : -1;
    }
}
