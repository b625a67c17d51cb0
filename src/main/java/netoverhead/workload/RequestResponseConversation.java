package netoverhead.workload;

import java.nio.ByteBuffer;

import netoverhead.http.ResponseParser;
import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One rr connection: GETs on a kept-alive connection, up to the pipeline's depth in flight, answered in order.
 * In the closed loop a request starts when it may (its latency counts from the start of its write); in the
 * open loop at its intended time or, when late, at once, and its latency counts from the intended time, so
 * that a stall is charged to every request it delayed (coordinated omission corrected, as wrk2 does).
 * An operation belongs to the phase in which its response completes: warm-up, window, or after; only the
 * window's enter the latency histogram. Once the window has ended nothing more is sent.
 */
final class RequestResponseConversation implements Conversation {
    private final JobRecord record;
    private final ResponseParser parser;
    private final byte[] request;
    private final int depth;
    private final long quota;
    private final long windowStart;
    private final long windowEnd;
    private final long interval;
    private final Latencies latencies;
    private final long origin;
    /** Requests being written or waiting for their answers, their start times in order. */
    private final long[] starts;
    private final ByteBuffer out;
    private int oldest;
    private int inFlight;
    private long nextIntended;
    private long responses;
    private long bodyBytes;
    private boolean over;
    private boolean done;

    RequestResponseConversation(RequestResponse shared, JobRecord record, ResponseParser parser, long firstIntended) {
        this.record = record;
        this.parser = parser;
        this.request = shared.request();
        this.depth = shared.plan().pipeline();
        this.quota = shared.plan().requests();
        this.windowStart = shared.windowStart();
        this.windowEnd = shared.windowEnd();
        this.interval = shared.interval();
        this.latencies = shared.latencies();
        this.origin = shared.origin();
        this.starts = new long[depth];
        // native memory, as the bulk request's: no temporary direct buffer on the writing thread
        this.out = ByteBuffer.allocateDirect(request.length * depth);
        this.out.flip();
        this.nextIntended = firstIntended;
    }

    @Override
    public void connected(long now) {
        record.connectedAt = now - origin;
    }

    /** The start time of a request sent now, or -1 when no request may start now. */
    private long startNow(long now) {
        if (inFlight >= depth || !moreToSend(now)) return -1;
        if (interval == 0) return now;
        return nextIntended <= now ? nextIntended : -1;
    }

    /** Whether another request will ever go out; false for good once it is false with nothing in flight. */
    private boolean moreToSend(long now) {
        if (over) return false;
        if (now >= windowEnd || (interval > 0 && nextIntended >= windowEnd)
                || (quota > 0 && now >= windowStart && record.opsWindow + inFlight >= quota)) {
            over = true;
            return false;
        }
        return true;
    }

    @Override
    public ByteBuffer outgoing(long now) {
        if (out.hasRemaining()) return out;
        out.clear();
        long start;
        while ((start = startNow(now)) >= 0) {
            starts[(oldest + inFlight) % depth] = start;
            inFlight++;
            if (interval > 0) nextIntended += interval;
            out.put(request);
        }
        out.flip();
        return out;
    }

    @Override
    public void wrote(long now) {
        if (!out.hasRemaining() && record.requestSentAt < 0 && inFlight > 0) record.requestSentAt = now - origin;
    }

    @Override
    public long nextSendAt(long now) {
        if (out.hasRemaining()) return now;
        if (inFlight >= depth || !moreToSend(now)) return NEVER;
        return interval == 0 ? now : nextIntended;
    }

    @Override
    public boolean awaitingResponse() {
        return inFlight > 0 && !out.hasRemaining();
    }

    @Override
    public boolean received(ByteBuffer buf, long now) throws JobFailure {
        while (buf.hasRemaining()) {
            if (inFlight == 0) {
                throw new JobFailure(ErrorKind.PROTOCOL, "the server sent " + buf.remaining()
                        + " bytes that answer no request, after " + responses + " responses");
            }
            if (!parser.feedResponse(buf)) {
                if (parser.untilClose()) {
                    throw new JobFailure(ErrorKind.PROTOCOL, "the server sent a response delimited by closing "
                            + "the connection; rr needs Content-Length or chunked responses");
                }
                return false;
            }
            complete(now);
        }
        return done;
    }

    private void complete(long now) throws JobFailure {
        long start = starts[oldest];
        oldest = (oldest + 1) % depth;
        inFlight--;
        responses++;
        bodyBytes += parser.bodyBytes();
        record.contentLength = parser.contentLength();
        record.status = parser.status();
        boolean closes = parser.closesConnection();
        parser.reset();
        if (Phases.count(record, now, windowStart, windowEnd)) latencies.record(now - start);
        done = inFlight == 0 && !moreToSend(now);
        if (closes && !done) throw closed("it answered with Connection: close");
    }

    private JobFailure closed(String how) {
        return new JobFailure(ErrorKind.CLOSED, "the server closed the connection after " + responses
                + (responses == 1 ? " response" : " responses") + " (" + how + "); rr needs keep-alive");
    }

    @Override
    public void endOfStream(long now) throws JobFailure {
        if (done) return;
        if (parser.started()) parser.endOfStream();
        throw closed("end of stream");
    }

    @Override
    public boolean done() {
        return done || (inFlight == 0 && over);
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
