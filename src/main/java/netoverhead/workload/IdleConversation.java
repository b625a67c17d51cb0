package netoverhead.workload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import netoverhead.http.IdleFrames;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One idle connection (http/IdleFrames has the wire format): it says hello, checks the server's 200 head, and then
 * waits, echoing each of the server's pings at once, until the server says goodbye. It keeps as little as it can
 * while it waits: the frame being read and, once pinged, a buffer for its echoes. A warm-up ping counts as a
 * warm-up operation, a measured ping as one of the window; the connection that hears START and END opens and
 * closes the window for the whole child, and the server's RESULT frames after END are the window's round trips.
 */
final class IdleConversation implements Conversation {
    private static final int STATUS_BYTES = 64;
    private static final int HEAD_END = 0x0D0A0D0A;
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Idle shared;
    private final JobRecord record;
    private final long origin;
    private ByteBuffer hello;
    private byte[] statusLine = new byte[STATUS_BYTES];
    private int statusLength;
    private boolean statusDone;
    private int tail;            // the head's last four bytes
    private int headBytes;
    private boolean inFrames;
    private ByteBuffer frame;     // the frame being read
    private ByteBuffer echoes;   // echoes not yet written, flipped
    private long pings;
    private boolean bye;
    private boolean counted;

    IdleConversation(Idle shared, JobRecord record) {
        this.shared = shared;
        this.record = record;
        this.origin = shared.origin();
    }

    @Override
    public void connected(long now) {
        record.connectedAt = now - origin;
        hello = shared.hello().duplicate();
        settle();
    }

    /** Counts this connection as established or failed, once: when all are, the child may collect garbage. */
    private void settle() {
        if (!counted) {
            counted = true;
            shared.settled();
        }
    }

    @Override
    public ByteBuffer outgoing(long now) {
        if (hello != null) return hello;
        return echoes != null ? echoes : NOTHING;
    }

    @Override
    public void wrote(long now) {
        if (hello != null && !hello.hasRemaining()) {
            hello = null;
            record.requestSentAt = now - origin;
        }
    }

    @Override
    public long nextSendAt(long now) {
        return hello != null || (echoes != null && echoes.hasRemaining()) ? now : NEVER;
    }

    @Override
    public boolean awaitingResponse() {
        return !bye && hello == null && (echoes == null || !echoes.hasRemaining());
    }

    @Override
    public boolean readTimeoutApplies() {
        return false;
    }

    @Override
    public boolean received(ByteBuffer buf, long now) throws JobFailure {
        if (!inFrames) head(buf);
        while (buf.hasRemaining() && !bye) {
            if (frame == null) frame = ByteBuffer.allocate(IdleFrames.BYTES);
            int n = Math.min(frame.remaining(), buf.remaining());
            frame.put(frame.position(), buf, buf.position(), n);
            frame.position(frame.position() + n);
            buf.position(buf.position() + n);
            if (!frame.hasRemaining()) {
                handle(now);
                frame.clear();
            }
        }
        if (bye && buf.hasRemaining()) {
            throw new JobFailure(ErrorKind.PROTOCOL, "the server sent " + buf.remaining() + " bytes after its goodbye");
        }
        return bye;
    }

    /** Reads the server's answer to the hello up to its blank line: it must be a 200. */
    private void head(ByteBuffer buf) throws JobFailure {
        while (buf.hasRemaining() && !inFrames) {
            byte b = buf.get();
            if (b == '\r' || b == '\n') {
                statusDone = true;
            } else if (!statusDone && statusLength < STATUS_BYTES) {
                statusLine[statusLength++] = b;
            }
            tail = (tail << 8) | (b & 0xff);
            if (tail == HEAD_END) {
                inFrames = true;
                checkStatus();
                statusLine = null;
            } else if (++headBytes > MAX_HEAD_BYTES) {
                throw new JobFailure(ErrorKind.PROTOCOL, "the server's answer to the idle hello has no end of head in "
                        + MAX_HEAD_BYTES + " bytes");
            }
        }
    }

    private void checkStatus() throws JobFailure {
        String line = new String(statusLine, 0, statusLength, StandardCharsets.ISO_8859_1);
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || !line.startsWith(" 200", 8)) {
            throw new JobFailure(line.startsWith("HTTP/1.") ? ErrorKind.STATUS : ErrorKind.PROTOCOL,
                    "the server answered the idle hello with \"" + line + "\": idle needs netoverhead's own server"
                            + " (embedded, or netoverhead serve), which sends the heartbeats");
        }
        record.status = 200;
    }

    private void handle(long now) throws JobFailure {
        byte type = IdleFrames.type(frame, 0);
        switch (type) {
            case IdleFrames.WARMUP_PING, IdleFrames.MEASURED_PING -> {
                echo();
                pings++;
                if (type == IdleFrames.WARMUP_PING) record.opsWarmup++;
                else record.opsWindow++;
            }
            case IdleFrames.START -> shared.windowOpened(now);
            case IdleFrames.END -> shared.windowClosed(now);
            case IdleFrames.RESULT -> shared.latencies().record(IdleFrames.wide(frame, 0), IdleFrames.narrow(frame, 0));
            case IdleFrames.BYE -> bye = true;
            default -> throw new JobFailure(ErrorKind.PROTOCOL, "the server sent an idle frame of unknown type "
                    + (type & 0xff) + " after " + pings + " pings");
        }
    }

    /** Queues the frame's echo behind any not yet written. */
    private void echo() {
        if (echoes == null) {
            // native memory, as rr's requests: no temporary direct buffer on the writing thread
            echoes = ByteBuffer.allocateDirect(4 * IdleFrames.BYTES);
            echoes.flip();
        }
        if (echoes.capacity() - echoes.remaining() < IdleFrames.BYTES) {
            ByteBuffer grown = ByteBuffer.allocateDirect(2 * echoes.capacity());
            grown.put(echoes).flip();
            echoes = grown;
        }
        echoes.compact();
        echoes.put(frame.array(), 0, IdleFrames.BYTES);
        echoes.flip();
    }

    @Override
    public void endOfStream(long now) throws JobFailure {
        if (bye) return;
        throw new JobFailure(ErrorKind.CLOSED, "the server closed an idle connection without its goodbye, after "
                + pings + (pings == 1 ? " ping" : " pings"));
    }

    @Override
    public boolean done() {
        return bye;
    }

    @Override
    public String whereNow() {
        return inFrames ? "after " + pings + (pings == 1 ? " ping" : " pings") : "before the answer to the hello";
    }

    @Override
    public long bodyBytes() {
        return 0;
    }

    @Override
    public void end(long now) {
        record.endAt = now - origin;
        record.bodyBytes = 0;
        settle();
    }
}
