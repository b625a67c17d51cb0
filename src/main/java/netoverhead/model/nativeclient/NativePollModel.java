package netoverhead.model.nativeclient;

/** The Haiku suite's poll() client in C: one thread, poll(2), non-blocking recv(2). Source: native/poll.c. */
public final class NativePollModel extends NativeClientModel {
    public NativePollModel() {
        this(NativeBuild.standard());
    }

    public NativePollModel(NativeBuild build) {
        super("poll.c", build);
    }

    @Override public String name() { return "native-poll"; }

    @Override public String label() { return "Native (C) `poll()`-based"; }

    @Override
    public String description() {
        return "C client: one thread, poll(2) and non-blocking recv(2); compiled with the system's cc at first use";
    }
}
