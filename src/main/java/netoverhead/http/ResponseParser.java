package netoverhead.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;
import netoverhead.payload.PayloadPattern;

/**
 * One incremental HTTP/1.x response parser shared by every model. It is fed buffers that may split the
 * response anywhere, counts body bytes without keeping them, and reports a broken response as a
 * {@link JobFailure} of the right kind. Body framing: Content-Length, chunked (extensions and trailers
 * allowed), or until the connection closes.
 */
public final class ResponseParser {
    public static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;

    private enum State { STATUS_LINE, HEADERS, BODY_LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, BODY_UNTIL_CLOSE, DONE }

    private final int maxHeadBytes;
    private final boolean verify;
    private State state = State.STATUS_LINE;
    private byte[] line = new byte[256];
    private int lineLength;
    private int headBytes;
    private int status = -1;
    private long contentLength = -1;
    private boolean chunked;
    private long remaining;
    private long bodyBytes;
    private boolean closes;

    public ResponseParser() {
        this(DEFAULT_MAX_HEAD_BYTES, false);
    }

    /** @param verify whether to compare every body byte with the {@link PayloadPattern} */
    public ResponseParser(int maxHeadBytes, boolean verify) {
        this.maxHeadBytes = maxHeadBytes;
        this.verify = verify;
    }

    public int status() { return status; }

    /** The announced body length, or -1 for chunked and until-close bodies. */
    public long contentLength() { return contentLength; }

    public long bodyBytes() { return bodyBytes; }

    public boolean isComplete() { return state == State.DONE; }

    /** Whether the response said {@code Connection: close}: the server ends the connection after it. */
    public boolean closesConnection() { return closes; }

    /** Whether the body runs until the connection closes (neither Content-Length nor chunked). */
    public boolean untilClose() { return state == State.BODY_UNTIL_CLOSE; }

    /** Ready for the next response on the same connection (rr): everything of the last one forgotten. */
    public void reset() {
        state = State.STATUS_LINE;
        lineLength = 0;
        headBytes = 0;
        status = -1;
        contentLength = -1;
        chunked = false;
        remaining = 0;
        bodyBytes = 0;
        closes = false;
    }

    /** Ends {@code job} now: its end time, and what of the response this parser saw. */
    public void endJob(JobRecord job, long origin) {
        job.endAt = System.nanoTime() - origin;
        job.bodyBytes = bodyBytes;
        job.contentLength = contentLength;
        job.status = status;
    }

    public boolean inBody() { return state.ordinal() >= State.BODY_LENGTH.ordinal(); }

    /** Whether any byte of a response has arrived since the start or the last {@link #reset()}. */
    public boolean started() { return headBytes > 0 || inBody(); }

    /** Where the response stands, for an error message: "after 1234 of 5000 body bytes", "before any response". */
    public String whereNow() {
        if (inBody()) {
            return contentLength >= 0 && !chunked ? "after " + bodyBytes + " of " + contentLength + " body bytes"
                    : "after " + bodyBytes + " body bytes";
        }
        return headBytes == 0 ? "before any response" : "inside the response head after " + headBytes + " bytes";
    }

    /** Consumes bytes[off, off+len). */
    public boolean feed(byte[] bytes, int off, int len) throws JobFailure {
        return feed(ByteBuffer.wrap(bytes, off, len));
    }

    /**
     * Consumes buf[position, limit) and leaves position at limit.
     *
     * @return true when the response is complete
     */
    public boolean feed(ByteBuffer buf) throws JobFailure {
        return feed(buf, false);
    }

    /**
     * Consumes buf[position, ...) up to the end of one response and leaves position at the first byte after it,
     * where the next pipelined response begins; or, when the response is not complete, at limit.
     *
     * @return true when the response is complete
     */
    public boolean feedResponse(ByteBuffer buf) throws JobFailure {
        return feed(buf, true);
    }

    private boolean feed(ByteBuffer buf, boolean stopAtEnd) throws JobFailure {
        int pos = buf.position();
        final int limit = buf.limit();
        while (pos < limit) {
            if (stopAtEnd && state == State.DONE) {
                buf.position(pos);
                return true;
            }
            switch (state) {
                case BODY_LENGTH -> {
                    int n = (int) Math.min(remaining, limit - pos);
                    body(buf, pos, n);
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) state = State.DONE;
                }
                case BODY_UNTIL_CLOSE -> {
                    body(buf, pos, limit - pos);
                    pos = limit;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, limit - pos);
                    body(buf, pos, n);
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) state = State.CHUNK_DATA_END;
                }
                case DONE -> {
                    buf.position(limit);
                    throw new JobFailure(ErrorKind.PROTOCOL, contentLength >= 0
                            ? "body longer than its Content-Length of " + contentLength + " bytes"
                            : "data after the end of the chunked body");
                }
                default -> {
                    byte b = buf.get(pos++);
                    if (++headBytes > maxHeadBytes) {
                        buf.position(pos);
                        throw new JobFailure(ErrorKind.PROTOCOL,
                                "response head larger than " + maxHeadBytes + " bytes");
                    }
                    if (b == '\n') {
                        buf.position(pos);
                        endOfLine();
                    } else {
                        appendToLine(b);
                    }
                }
            }
        }
        buf.position(limit);
        return state == State.DONE;
    }

    /** The connection has closed: completes an until-close body, or explains what is missing. */
    public void endOfStream() throws JobFailure {
        switch (state) {
            case DONE -> { }
            case BODY_UNTIL_CLOSE -> state = State.DONE;
            case BODY_LENGTH -> throw new JobFailure(ErrorKind.TRUNCATED, "connection closed after " + bodyBytes
                    + " of " + contentLength + " body bytes");
            case CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS -> throw new JobFailure(ErrorKind.TRUNCATED,
                    "connection closed inside the chunked body after " + bodyBytes + " body bytes");
            default -> throw new JobFailure(ErrorKind.TRUNCATED, headBytes == 0
                    ? "connection closed before any response"
                    : "connection closed inside the response head after " + headBytes + " bytes");
        }
    }

    private void body(ByteBuffer buf, int pos, int n) throws JobFailure {
        if (verify && n > 0) {
            int bad = PayloadPattern.firstMismatch(bodyBytes, buf, pos, pos + n);
            if (bad >= 0) {
                throw new JobFailure(ErrorKind.CORRUPT, "body differs from the payload at byte " + (bodyBytes + bad));
            }
        }
        bodyBytes += n;
    }

    private void appendToLine(byte b) {
        if (lineLength == line.length) line = java.util.Arrays.copyOf(line, line.length * 2);
        line[lineLength++] = b;
    }

    /*
     * The head is read from the line's bytes: a response's status line and headers allocate nothing unless they
     * are the few the parser needs as text (Transfer-Encoding) or are wrong. rr reads one head per request.
     */
    private static final byte[] HTTP_1 = "HTTP/1.".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CLOSE = "close".getBytes(StandardCharsets.ISO_8859_1);

    private void endOfLine() throws JobFailure {
        int len = lineLength;
        if (len > 0 && line[len - 1] == '\r') len--;
        lineLength = 0;
        switch (state) {
            case STATUS_LINE -> statusLine(len);
            case HEADERS -> {
                if (len == 0) startBody();
                else header(len);
            }
            case CHUNK_SIZE -> chunkSize(text(0, len));
            case CHUNK_DATA_END -> {
                if (len != 0) throw new JobFailure(ErrorKind.PROTOCOL, "chunk data longer than its size");
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (len == 0) state = State.DONE;
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private void statusLine(int len) throws JobFailure {
        // HTTP/1.1 200 OK
        if (len < 12 || !AsciiBytes.startsWith(line, HTTP_1) || line[8] != ' ' || !AsciiBytes.digit(line[9]) || !AsciiBytes.digit(line[10])
                || !AsciiBytes.digit(line[11]) || (len > 12 && line[12] != ' ')) {
            throw new JobFailure(ErrorKind.PROTOCOL, "malformed status line: " + printable(text(0, len)));
        }
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        if (status != 200) {
            throw new JobFailure(ErrorKind.STATUS, "HTTP " + text(9, len).trim());
        }
        state = State.HEADERS;
    }

    private void header(int len) throws JobFailure {
        int colon = AsciiBytes.indexOf(line, (byte) ':', len);
        if (colon <= 0 || line[0] == ' ' || line[0] == '\t') {
            throw new JobFailure(ErrorKind.PROTOCOL, "malformed header line: " + printable(text(0, len)));
        }
        // name and value trimmed as String.trim() does: everything up to the space
        int nameStart = 0;
        int nameEnd = colon;
        while (nameStart < nameEnd && AsciiBytes.blank(line[nameStart])) nameStart++;
        while (nameEnd > nameStart && AsciiBytes.blank(line[nameEnd - 1])) nameEnd--;
        int valueStart = colon + 1;
        int valueEnd = len;
        while (valueStart < valueEnd && AsciiBytes.blank(line[valueStart])) valueStart++;
        while (valueEnd > valueStart && AsciiBytes.blank(line[valueEnd - 1])) valueEnd--;
        if (AsciiBytes.named(line, CONTENT_LENGTH, nameStart, nameEnd)) {
            long length = parseLength(valueStart, valueEnd);
            if (contentLength >= 0 && contentLength != length) {
                throw new JobFailure(ErrorKind.PROTOCOL, "conflicting Content-Length headers");
            }
            contentLength = length;
        } else if (AsciiBytes.named(line, CONNECTION, nameStart, nameEnd)) {
            closes = AsciiBytes.contains(line, CLOSE, valueStart, valueEnd);
        } else if (AsciiBytes.named(line, TRANSFER_ENCODING, nameStart, nameEnd)) {
            String value = text(valueStart, valueEnd);
            String last = value.substring(value.lastIndexOf(',') + 1).trim();
            if (last.equalsIgnoreCase("chunked")) chunked = true;
            else throw new JobFailure(ErrorKind.PROTOCOL, "unsupported Transfer-Encoding: " + printable(value));
        }
    }

    private long parseLength(int from, int to) throws JobFailure {
        if (to == from || to - from > 18) {
            throw new JobFailure(ErrorKind.PROTOCOL, "bad Content-Length: " + printable(text(from, to)));
        }
        long length = 0;
        for (int i = from; i < to; i++) {
            if (!AsciiBytes.digit(line[i])) {
                throw new JobFailure(ErrorKind.PROTOCOL, "bad Content-Length: " + printable(text(from, to)));
            }
            length = length * 10 + (line[i] - '0');
        }
        return length;
    }

    private void startBody() {
        if (chunked) {
            contentLength = -1;
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = remaining == 0 ? State.DONE : State.BODY_LENGTH;
        } else {
            state = State.BODY_UNTIL_CLOSE;
        }
    }

    private void chunkSize(String text) throws JobFailure {
        int end = text.indexOf(';');
        String hex = (end < 0 ? text : text.substring(0, end)).trim();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new JobFailure(ErrorKind.PROTOCOL, "bad chunk size: " + printable(text));
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) throw new JobFailure(ErrorKind.PROTOCOL, "bad chunk size: " + printable(text));
            size = size * 16 + digit;
        }
        remaining = size;
        state = size == 0 ? State.TRAILERS : State.CHUNK_DATA;
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder out = new StringBuilder();
        for (char c : cut.toCharArray()) out.append(c >= 0x20 && c < 0x7f ? c : '?');
        return out.toString();
    }
}
