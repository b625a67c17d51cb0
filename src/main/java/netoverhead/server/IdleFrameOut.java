package netoverhead.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import netoverhead.http.IdleFrames;

/**
 * Writes idle frames for the heartbeat, without blocking: a frame goes out in one write, which an idle connection's
 * socket buffer always has room for, so a write the socket does not take whole means a client that stopped reading
 * (the caller closes it). The RESULT frames, one per bucket of the round trips, may be more than a socket buffer
 * holds: they go out in batches, waiting for the client to read, up to {@link #STALL_NANOS} without progress.
 */
final class IdleFrameOut {
    static final long STALL_NANOS = 5_000_000_000L;
    private static final long RETRY_NANOS = 200_000;
    private static final int BATCH_FRAMES = 4096;

    // native memory: the JDK writes a heap buffer through a temporary direct one
    private final ByteBuffer frame = ByteBuffer.allocateDirect(IdleFrames.BYTES);
    private final ByteBuffer batch = ByteBuffer.allocateDirect(BATCH_FRAMES * IdleFrames.BYTES);

    /** Writes one frame; false when the socket did not take it whole or is closed. */
    boolean frame(SocketChannel channel, byte type, int narrow, long wide) {
        frame.clear();
        IdleFrames.put(frame, type, narrow, wide);
        frame.flip();
        try {
            return channel.write(frame) == IdleFrames.BYTES;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes one RESULT frame per recorded bucket (narrow = its count, wide = its median in nanoseconds): the
     * count of round trips they carry, or -1 when the client did not take them.
     */
    long results(SocketChannel channel, AbstractHistogram roundTrips) {
        long carried = 0;
        batch.clear();
        for (HistogramIterationValue v : roundTrips.recordedValues()) {
            if (!batch.hasRemaining() && !flush(channel)) return -1;
            long count = v.getCountAtValueIteratedTo();
            int narrow = (int) Math.min(Integer.MAX_VALUE, count);
            IdleFrames.put(batch, IdleFrames.RESULT, narrow, roundTrips.medianEquivalentValue(v.getValueIteratedTo()));
            carried += narrow;
        }
        return flush(channel) ? carried : -1;
    }

    private boolean flush(SocketChannel channel) {
        batch.flip();
        long progressAt = System.nanoTime();
        try {
            while (batch.hasRemaining()) {
                if (channel.write(batch) > 0) {
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                    return false;
                } else {
                    LockSupport.parkNanos(RETRY_NANOS);
                }
            }
        } catch (IOException e) {
            return false;
        }
        batch.clear();
        return true;
    }

    /** BYE on a connection answered after its group ended (an event loop's thread, rarely). */
    static void bye(SocketChannel channel) {
        ByteBuffer bye = ByteBuffer.allocate(IdleFrames.BYTES);
        IdleFrames.put(bye, IdleFrames.BYE, 0, 0);
        bye.flip();
        try {
            channel.write(bye);
        } catch (IOException ignored) {
            // the client is gone: its loop reads the end and it leaves the group
        }
    }

    static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }
}
