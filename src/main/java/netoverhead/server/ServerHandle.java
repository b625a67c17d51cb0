package netoverhead.server;

import java.util.OptionalLong;

/** The server a run downloads from: one the tool started, or one that was already there. */
public interface ServerHandle extends AutoCloseable {
    /** What it is, for the results: "embedded (pid 1234)", "lighttpd/1.4.69", "external". */
    String description();

    /** The size of the payload it serves, learned from its Content-Length. */
    long payloadBytes();

    /** CPU time (user + system) of the server process in nanoseconds, where the tool can see it. */
    default OptionalLong cpuNanos() {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
