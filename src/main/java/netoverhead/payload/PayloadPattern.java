package netoverhead.payload;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The deterministic content of every payload: a fixed pseudo-random block repeated. The period is a prime,
 * so that a body shifted or spliced at any power-of-two boundary no longer matches and is caught by
 * verification.
 */
public final class PayloadPattern {
    public static final int PERIOD = 65_521;
    private static final long SEED = 0x6E65_746F_7665_7268L; // "netoverh"
    private static final byte[] BLOCK = new byte[PERIOD];

    static {
        new SplittableRandom(SEED).nextBytes(BLOCK);
    }

    private PayloadPattern() {}

    public static byte at(long offset) {
        return BLOCK[(int) (offset % PERIOD)];
    }

    /** Fills dst[off, off+len) with the payload bytes starting at payload offset {@code offset}. */
    public static void fill(long offset, byte[] dst, int off, int len) {
        int p = (int) (offset % PERIOD);
        while (len > 0) {
            int n = Math.min(len, PERIOD - p);
            System.arraycopy(BLOCK, p, dst, off, n);
            off += n;
            len -= n;
            p = 0;
        }
    }

    /** Index of the first byte in buf[pos, limit) that differs from the payload at {@code offset}, or -1. */
    public static int firstMismatch(long offset, ByteBuffer buf, int pos, int limit) {
        int p = (int) (offset % PERIOD);
        for (int i = pos; i < limit; i++) {
            if (buf.get(i) != BLOCK[p]) return i - pos;
            if (++p == PERIOD) p = 0;
        }
        return -1;
    }
}
