package netoverhead.server;

/**
 * A server that was already listening at the target: the tool uses it and never stops it. {@code port} and
 * {@code path} say where the payload is, which differs from the target given when --follow followed a redirect;
 * 0 and null mean the target as given.
 */
public record ExistingServer(String description, long payloadBytes, int port, String path) implements ServerHandle {
    public ExistingServer(String description, long payloadBytes) {
        this(description, payloadBytes, 0, null);
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
