package netoverhead.result;

/** The child's resident set size at a moment, in milliseconds from the start of the measured window. */
public record MemorySample(double ms, long rssBytes) {}
