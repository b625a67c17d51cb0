package netoverhead.result;

/**
 * Latency over all counted iterations of one model: the percentiles of the histogram merged from every
 * iteration (percentiles are never averaged), in microseconds, and the spread of the iterations' own p99.
 *
 * @param operations how many latencies the merged histogram holds
 * @param p99        mean, standard deviation and median of the iterations' p99
 * @param histogram  the merged histogram, HdrHistogram's compressed encoding in base64 (for charts)
 */
public record LatencySummary(long operations, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs,
                             Stat p99, String histogram) {}
