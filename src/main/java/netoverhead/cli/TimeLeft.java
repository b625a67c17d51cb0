package netoverhead.cli;

/**
 * The time a run has left, learnt from the iterations that finished: each takes a fixed time (a fresh JVM,
 * connecting, the warm-up) plus a time per body byte, fitted by least squares to the wall times seen. Until
 * iterations of two sizes have finished, every iteration is taken to last as long as the mean of those seen;
 * bytes alone would count each iteration's start-up once per byte of the first, smallest ones.
 */
final class TimeLeft {
    private int n;
    private double sumBytes;
    private double sumSeconds;
    private double sumBytesSquared;
    private double sumBytesSeconds;

    /** An iteration that brought this many body bytes took this long, start to finish. */
    void finished(long bytes, double seconds) {
        n++;
        sumBytes += bytes;
        sumSeconds += seconds;
        sumBytesSquared += (double) bytes * bytes;
        sumBytesSeconds += bytes * seconds;
    }

    /**
     * Seconds left, or NaN before any iteration finished.
     *
     * @param iterationsLeft  iterations not yet started
     * @param bytesLeft       their body bytes
     * @param currentBytes    body bytes of the iteration under way (0 when none is)
     * @param currentSeconds  how long the iteration under way has run (0 when none is)
     */
    double seconds(int iterationsLeft, long bytesLeft, long currentBytes, double currentSeconds) {
        if (n == 0) return Double.NaN;
        double meanBytes = sumBytes / n;
        double meanSeconds = sumSeconds / n;
        double spread = sumBytesSquared - n * meanBytes * meanBytes;
        double perIteration = meanSeconds;
        double perByte = 0;
        // one size seen (or sizes too close to tell a slope): the mean iteration
        if (spread > 1e-9 * sumBytesSquared) {
            perByte = (sumBytesSeconds - n * meanBytes * meanSeconds) / spread;
            perIteration = meanSeconds - perByte * meanBytes;
            if (perByte < 0) {
                perByte = 0;
                perIteration = meanSeconds;
            } else if (perIteration < 0) {
                perIteration = 0;
                perByte = sumSeconds / sumBytes;
            }
        }
        double current = currentBytes > 0 || currentSeconds > 0
                ? Math.max(0, perIteration + perByte * currentBytes - currentSeconds) : 0;
        return perIteration * iterationsLeft + perByte * bytesLeft + current;
    }
}
