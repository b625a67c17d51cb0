package netoverhead.workload;

import java.nio.ByteBuffer;

import netoverhead.http.ResponseParser;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One churn worker: connection after connection, each a socket, a connect, {@code K} requests answered one at a
 * time (the last asks the server to close) and the server's close read, as netperf's TCP_CRR does: the server closes
 * first, so that TIME_WAIT stays on its side. An operation is one connection: its connect latency counts from
 * {@link #connecting} to {@link #connected}, its transaction latency from {@link #connecting} to its last response;
 * it belongs to the phase in which that response completes. No connection starts once the window has ended (or the
 * worker has had its {@code --requests} connections in the window).
 */
final class ChurnConversation implements Conversation {
    private final JobRecord record;
    private final ResponseParser parser;
    private final ByteBuffer keepAlive;
    private final ByteBuffer close;
    private final int perConnection;
    private final long quota;
    private final long windowStart;
    private final long windowEnd;
    private final Latencies latencies;
    private final Latencies connectLatencies;
    private final long origin;
    private ByteBuffer out;
    private long connectStart;
    private long connectNs;
    private int sent;          // requests begun on this connection
    private int answered;      // responses complete on this connection
    private boolean awaitingClose;
    private boolean closed;    // this connection is over: its last response is in and the server has closed
    private long connections;  // connections completed, every phase
    private long bodyBytes;

    ChurnConversation(Churn shared, JobRecord record, ResponseParser parser) {
        this.record = record;
        this.parser = parser;
        this.keepAlive = shared.keepAlive().duplicate();
        this.close = shared.close().duplicate();
        this.perConnection = shared.plan().requestsPerConnection();
        this.quota = shared.plan().requests();
        this.windowStart = shared.windowStart();
        this.windowEnd = shared.windowEnd();
        this.latencies = shared.latencies();
        this.connectLatencies = shared.connectLatencies();
        this.origin = shared.origin();
        this.out = close;
        this.out.limit(0);
    }

    @Override
    public void connecting(long now) {
        connectStart = now;
    }

    @Override
    public void connected(long now) {
        if (record.connectedAt < 0) record.connectedAt = now - origin;
        connectNs = now - connectStart;
    }

    @Override
    public ByteBuffer outgoing(long now) {
        if (out.hasRemaining() || sent > answered || sent == perConnection) return out;
        sent++;
        out = sent == perConnection ? close : keepAlive;
        out.clear();
        return out;
    }

    @Override
    public void wrote(long now) {
        if (!out.hasRemaining() && record.requestSentAt < 0) record.requestSentAt = now - origin;
    }

    @Override
    public long nextSendAt(long now) {
        if (out.hasRemaining()) return now;
        return sent > answered || sent == perConnection ? NEVER : now;
    }

    @Override
    public boolean awaitingResponse() {
        return !out.hasRemaining() && (sent > answered || awaitingClose);
    }

    @Override
    public boolean received(ByteBuffer buf, long now) throws JobFailure {
        while (buf.hasRemaining()) {
            if (sent == answered) {
                throw new JobFailure(ErrorKind.PROTOCOL, "the server sent " + buf.remaining()
                        + " bytes that answer no request, on a connection after " + connections + " connections");
            }
            if (!parser.feedResponse(buf)) return false;
            complete(now);
        }
        return false;
    }

    private void complete(long now) throws JobFailure {
        answered++;
        bodyBytes += parser.bodyBytes();
        record.contentLength = parser.contentLength();
        record.status = parser.status();
        boolean closes = parser.closesConnection();
        parser.reset();
        if (answered < perConnection) {
            if (closes) {
                throw new JobFailure(ErrorKind.CLOSED, "the server closed the connection after " + answered + " of "
                        + perConnection + " requests (it answered with Connection: close)");
            }
            return;
        }
        awaitingClose = true;
        connections++;
        if (Phases.count(record, now, windowStart, windowEnd)) {
            latencies.record(now - connectStart);
            connectLatencies.record(connectNs);
        }
    }

    @Override
    public void endOfStream(long now) throws JobFailure {
        if (awaitingClose) {
            closed = true;
            return;
        }
        if (parser.started()) parser.endOfStream();
        throw new JobFailure(ErrorKind.CLOSED, "the server closed the connection after " + answered + " of "
                + perConnection + (perConnection == 1 ? " request" : " requests") + " without answering");
    }

    @Override
    public boolean done() {
        return closed;
    }

    @Override
    public boolean reconnect(long now) {
        if (now >= windowEnd || (quota > 0 && record.opsWindow >= quota)) return false;
        sent = 0;
        answered = 0;
        awaitingClose = false;
        closed = false;
        out.limit(0);
        return true;
    }

    @Override
    public String whereNow() {
        return parser.whereNow();
    }

    @Override
    public long bodyBytes() {
        return bodyBytes + parser.bodyBytes();
    }

    @Override
    public void end(long now) {
        record.endAt = now - origin;
        record.bodyBytes = bodyBytes();
    }
}
