package netoverhead.server;

import java.nio.ByteBuffer;

import netoverhead.payload.PayloadPattern;

/**
 * The payload pattern in memory, built once and shared read-only by every event loop: one period of it followed by
 * {@link #LONGEST_SLICE} more bytes, so that the pattern's bytes [offset, offset + n) for any offset and any
 * n up to that bound lie in one contiguous slice. Every rr body is sent from here, whatever its size: a small one is
 * copied behind its head, a large one goes out slice by slice, and no body of any size is ever held whole.
 */
final class PatternBuffer {
    /** The longest slice: 64 KiB, the most one turn of a loop sends on one connection. */
    static final int LONGEST_SLICE = 64 * 1024;

    private static final ByteBuffer SHARED = build();

    private PatternBuffer() {}

    private static ByteBuffer build() {
        byte[] bytes = new byte[PayloadPattern.PERIOD + LONGEST_SLICE];
        PayloadPattern.fill(0, bytes, 0, bytes.length);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    /** A view of its own for one event loop to position; its bytes are the shared ones. */
    static ByteBuffer view() {
        return SHARED.duplicate();
    }

    /** Puts the pattern's first {@code length} bytes (at most {@link #LONGEST_SLICE}) into {@code out}. */
    static void putStart(ByteBuffer out, int length) {
        int at = out.position();
        out.put(at, SHARED, 0, length);
        out.position(at + length);
    }

    /**
     * Sets {@code view} (from {@link #view()}) to the pattern's bytes [offset, offset + length), length at most
     * {@link #LONGEST_SLICE}.
     */
    static ByteBuffer slice(ByteBuffer view, long offset, int length) {
        int start = (int) (offset % PayloadPattern.PERIOD);
        view.limit(start + length).position(start);
        return view;
    }
}
