package netoverhead.server;

/** A server that was already listening at the target: the tool uses it and never stops it. */
public record ExistingServer(String description, long payloadBytes) implements ServerHandle {
    @Override
    public void close() {
        // not ours to stop
    }
}
