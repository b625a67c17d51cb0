package netoverhead.model.ffm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * send(2) straight from a conversation's outgoing buffer, which is direct: the kernel reads the bytes where the
 * conversation put them. A conversation hands out the same buffer request after request, so the segment over
 * it is made when the buffer changes, not per send. One per connection, used by the thread that owns it.
 */
final class Sender {
    private ByteBuffer buffer;
    private MemorySegment whole;

    /**
     * One send(2) of {@code out}'s remaining bytes; their position advances by what went out.
     *
     * @return send's result: the bytes sent, or -1 with errno in {@code callState}
     */
    long send(MemorySegment callState, int fd, ByteBuffer out) {
        if (out != buffer) {
            if (!out.isDirect()) throw new IllegalArgumentException("the bytes to send are not in native memory");
            whole = MemorySegment.ofBuffer(out.duplicate().clear());
            buffer = out;
        }
        int position = out.position();
        // the bytes to send begin at the buffer's start, unless a send(2) took only part of them
        MemorySegment from = position == 0 ? whole : whole.asSlice(position);
        long n = Libc.send(callState, fd, from, out.remaining(), Libc.MSG_NOSIGNAL);
        if (n > 0) out.position(position + (int) n);
        return n;
    }
}
