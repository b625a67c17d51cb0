package netoverhead.job;

/** A job's failure with its kind; thrown inside a model and recorded in the job's record. */
public final class JobFailure extends Exception {
    private final ErrorKind kind;

    public JobFailure(ErrorKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
