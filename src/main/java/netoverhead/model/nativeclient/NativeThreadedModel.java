package netoverhead.model.nativeclient;

/** The Haiku suite's threaded client in C: one pthread per connection, blocking recv(2). Source: native/threaded.c. */
public final class NativeThreadedModel extends NativeClientModel {
    public NativeThreadedModel() {
        this(NativeBuild.standard());
    }

    public NativeThreadedModel(NativeBuild build) {
        super("threaded.c", build);
    }

    @Override public String name() { return "native-threaded"; }

    @Override public String label() { return "Native (C) threaded"; }

    @Override
    public String description() {
        return "C client: one pthread per connection, blocking recv(2); compiled with the system's cc at first use";
    }
}
