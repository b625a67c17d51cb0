package netoverhead.server;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client connection of the embedded server: the request bytes read and not yet answered, and the output not
 * yet taken by the socket, in the order it goes out: composed bytes (heads, small bodies) first, then the body being
 * streamed, if any. It also keeps where each response composed so far ends in the connection's output stream, so
 * that a response counts as answered only once its last byte is written.
 */
final class ServerConnection {
    /** No body is being streamed. */
    static final int NO_BODY = 0;
    /** The payload file's bytes [bodyPosition, bodyEnd) follow, sent with sendfile. */
    static final int FILE_BODY = 1;
    /** The pattern's bytes [bodyPosition, bodyEnd) follow, sent from {@link PatternBuffer}. */
    static final int PATTERN_BODY = 2;

    final SocketChannel channel;
    byte[] in = new byte[1024];
    ByteBuffer inBuffer = ByteBuffer.wrap(in);
    int inStart;              // in[inStart, inLength) is read and not yet answered
    int inLength;
    byte[] backlog = new byte[0];
    int backlogLength;        // composed bytes the socket has not taken yet: backlog[0, backlogLength)
    int body = NO_BODY;
    long bodyPosition;
    long bodyEnd;
    boolean closeAfter;       // the last response composed ends the connection
    boolean answeredAny;
    long since;               // when the output last made progress, the connection went idle, or a head began
    IdleMember idle;          // from an idle hello on: the connection's input is echo frames, not requests

    private long queued;      // bytes of every response begun, in the output stream
    private long written;     // bytes of it the socket has taken
    private long[] ends = new long[8]; // a ring of where the responses not yet written whole end in the stream
    private int endsFirst;
    private int endsCount;

    ServerConnection(SocketChannel channel, long now) {
        this.channel = channel;
        this.since = now;
    }

    boolean outputPending() {
        return backlogLength > 0 || body != NO_BODY;
    }

    boolean inputPending() {
        return inStart < inLength;
    }

    /** A response of {@code bytes} (head and body) is begun: it is answered once they are all written. */
    void begun(long bytes) {
        queued += bytes;
        if (endsCount == ends.length) {
            long[] grown = new long[ends.length * 2];
            for (int i = 0; i < endsCount; i++) grown[i] = ends[(endsFirst + i) % ends.length];
            ends = grown;
            endsFirst = 0;
        }
        ends[(endsFirst + endsCount) % ends.length] = queued;
        endsCount++;
    }

    /** The socket took {@code bytes} more: how many responses it completed. */
    int wrote(long bytes) {
        written += bytes;
        int completed = 0;
        while (endsCount > 0 && ends[endsFirst] <= written) {
            endsFirst = (endsFirst + 1) % ends.length;
            endsCount--;
            completed++;
        }
        if (completed > 0) answeredAny = true;
        return completed;
    }

    /** Keeps what the socket did not take of {@code out} (the bytes composed this turn, flipped) for the next turn. */
    void keepBacklog(ByteBuffer out) {
        int n = out.remaining();
        if (backlog.length < n) backlog = new byte[Math.max(n, 2 * backlog.length)];
        out.get(backlog, 0, n);
        backlogLength = n;
    }

    /**
     * Makes room to read more input: moves what is unanswered to the front and grows the buffer up to {@code most}
     * bytes; false when the unanswered input already fills that many, more than any head may be.
     */
    boolean roomToRead(int most) {
        if (inStart > 0) {
            System.arraycopy(in, inStart, in, 0, inLength - inStart);
            inLength -= inStart;
            inStart = 0;
        }
        if (inLength < in.length) return true;
        if (in.length >= most) return false;
        in = Arrays.copyOf(in, Math.min(most, in.length * 2));
        inBuffer = ByteBuffer.wrap(in);
        return true;
    }
}
