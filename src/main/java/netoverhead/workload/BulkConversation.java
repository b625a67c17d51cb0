package netoverhead.workload;

import java.nio.ByteBuffer;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/** The Haiku suite's conversation: one GET of the payload, read to its end. */
final class BulkConversation implements Conversation {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final JobRecord record;
    private final ResponseParser parser;
    private final ByteBuffer request;
    private final long origin;
    private boolean sent;
    private boolean done;

    BulkConversation(JobRecord record, ResponseParser parser, ByteBuffer request, long origin) {
        this.record = record;
        this.parser = parser;
        this.request = request;
        this.origin = origin;
    }

    @Override
    public void connected(long now) {
        record.connectedAt = now - origin;
    }

    @Override
    public ByteBuffer outgoing(long now) {
        return sent ? NOTHING : request;
    }

    @Override
    public void wrote(long now) {
        if (!sent && !request.hasRemaining()) {
            sent = true;
            record.requestSentAt = now - origin;
        }
    }

    @Override
    public long nextSendAt(long now) {
        return sent ? NEVER : now;
    }

    @Override
    public boolean awaitingResponse() {
        return sent && !done;
    }

    @Override
    public boolean received(ByteBuffer buf, long now) throws JobFailure {
        done = parser.feed(buf);
        return done;
    }

    @Override
    public void endOfStream(long now) throws JobFailure {
        done = true;
        parser.endOfStream();
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public String whereNow() {
        return parser.whereNow();
    }

    @Override
    public long bodyBytes() {
        return parser.bodyBytes();
    }

    @Override
    public void end(long now) {
        record.endAt = now - origin;
        record.bodyBytes = parser.bodyBytes();
        record.contentLength = parser.contentLength();
        record.status = parser.status();
    }
}
