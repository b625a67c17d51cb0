package netoverhead.workload;

import java.nio.ByteBuffer;

import netoverhead.http.IdleFrames;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One idle connection (http/IdleFrames has the wire format): it says hello, checks the server's 200 head, and then
 * waits, echoing each of the server's pings at once, until the server says goodbye. It keeps as little as it can
 * while it waits: the head's reader only until the head is read, the frame being read only while part of one has
 * come, and an echo only until it is written. A warm-up ping counts as a warm-up operation, a measured ping as one
 * of the window; the connection that hears START and END opens and closes the window for the whole child, and the
 * server's RESULT frames after END are the window's round trips.
 */
final class IdleConversation implements Conversation {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Idle shared;
    private final JobRecord record;
    private ByteBuffer hello;
    private IdleHead head = new IdleHead();   // null once the head is read: frames follow
    private ByteBuffer frame;    // the frame being read, while part of one has come
    private ByteBuffer echoes;   // echoes not yet written, flipped
    private long pings;
    private boolean bye;
    private boolean counted;

    IdleConversation(Idle shared, JobRecord record) {
        this.shared = shared;
        this.record = record;
    }

    @Override
    public void connected(long now) {
        record.connectedAt = now - shared.origin();
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
            record.requestSentAt = now - shared.origin();
        }
        if (echoes != null && !echoes.hasRemaining()) echoes = null;
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
        if (head != null) {
            if (!head.read(buf)) return false;
            head = null;
            record.status = 200;
        }
        while (buf.hasRemaining() && !bye) {
            if (frame == null) frame = ByteBuffer.allocate(IdleFrames.BYTES);
            int n = Math.min(frame.remaining(), buf.remaining());
            frame.put(frame.position(), buf, buf.position(), n);
            frame.position(frame.position() + n);
            buf.position(buf.position() + n);
            if (!frame.hasRemaining()) {
                handle(now);
                frame = null;
            }
        }
        if (bye && buf.hasRemaining()) {
            throw new JobFailure(ErrorKind.PROTOCOL, "the server sent " + buf.remaining() + " bytes after its goodbye");
        }
        return bye;
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

    /**
     * Queues the frame's echo behind any not yet written, in native memory, as rr's requests: no temporary direct
     * buffer on the writing thread, and the FFM models send from it directly. Pings are rare (one percent of the
     * connections a second), so each echo gets a buffer of its own, dropped once written.
     */
    private void echo() {
        int pending = echoes == null ? 0 : echoes.remaining();
        ByteBuffer queued = ByteBuffer.allocateDirect(pending + IdleFrames.BYTES);
        if (pending > 0) queued.put(echoes);
        queued.put(frame.array(), 0, IdleFrames.BYTES).flip();
        echoes = queued;
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
        return head == null ? "after " + pings + (pings == 1 ? " ping" : " pings") : "before the answer to the hello";
    }

    @Override
    public long bodyBytes() {
        return 0;
    }

    @Override
    public void end(long now) {
        record.endAt = now - shared.origin();
        record.bodyBytes = 0;
        settle();
    }
}
