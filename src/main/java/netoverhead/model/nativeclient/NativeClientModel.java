package netoverhead.model.nativeclient;

import java.io.IOException;
import java.util.List;

import netoverhead.model.Availability;
import netoverhead.model.ClientPlan;
import netoverhead.model.NativeModel;

/**
 * A C client compiled from the sources in the jar (see {@link NativeBuild}) and run as the child process.
 * It speaks the harness's line protocol itself and takes the plan's key=value arguments.
 */
abstract class NativeClientModel implements NativeModel {
    private final String mainSource;
    private final NativeBuild build;
    private volatile Availability availability;

    NativeClientModel(String mainSource, NativeBuild build) {
        this.mainSource = mainSource;
        this.build = build;
    }

    /**
     * Available when this is Linux, a C compiler is on PATH and the client compiles with it: compiling is
     * the only sure test of a working toolchain, and its result is cached, so it happens once.
     */
    @Override
    public Availability availability() {
        Availability known = availability;
        if (known != null) return known;
        synchronized (this) {
            if (availability == null) availability = check();
            return availability;
        }
    }

    private Availability check() {
        var reason = build.unavailableReason();
        if (reason.isPresent()) return Availability.unavailable(reason.get());
        try {
            build.program(mainSource);
            return Availability.AVAILABLE;
        } catch (IOException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public List<String> command(ClientPlan plan) throws IOException {
        return List.of(build.program(mainSource).toString());
    }
}
