package netoverhead.result;

import java.util.List;

/** The configuration of a run, as given or defaulted. */
public record RunSettings(List<String> models, List<Integer> connections, int iterations, long payloadBytes,
                          String address, int port, String path, String server, String serverDescription,
                          int bufferBytes, String selector, int loops, int sampleIntervalMs, int connectTimeoutMs,
                          int readTimeoutMs, boolean verify, String link, String profiler) {}
