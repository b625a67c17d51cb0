package netoverhead.server;

import java.nio.ByteBuffer;

/**
 * Turns the whole requests at the front of a connection's input into responses, in order, composed into an
 * event loop's output buffer: heads from {@link ResponseHeads}, small rr bodies copied from the
 * {@link PatternBuffer} behind them, so that several pipelined answers leave in one write. A larger body (the
 * payload file, an rr body above {@link #INLINE_BODY}) is streamed after its head by {@link ServerLoop}; nothing is
 * composed behind it. One per event loop.
 */
final class Responder {
    /** rr bodies up to this size are copied behind their heads; larger ones go out from the pattern in slices. */
    static final int INLINE_BODY = 16 * 1024;

    private static final byte[] NOT_FOUND = ResponseHeads.statusPrefix("404 Not Found");
    private static final byte[] NOT_FOUND_TEXT = ResponseHeads.ascii("not found\n");
    private static final byte[] RR_SIZES_TEXT = ResponseHeads.ascii("rr sizes are " + RrPath.PREFIX + "0 to "
            + RrPath.PREFIX + RrPath.MAX_BYTES + ", in plain decimal\n");
    private static final byte[] NOT_ALLOWED = ResponseHeads.statusPrefix("405 Method Not Allowed");
    private static final byte[] NOT_ALLOWED_TEXT = ResponseHeads.ascii("only GET and HEAD\n");
    private static final byte[] IDLE_FORM_TEXT = ResponseHeads.ascii(IdlePath.FORM + "\n");
    private static final byte[] IDLE_GET_TEXT = ResponseHeads.ascii("an idle hello is a GET that keeps its connection\n");
    private static final byte[] CONFLICT = ResponseHeads.statusPrefix("409 Conflict");

    private final PayloadServer.Config config;
    private final IdleGroups idle;
    private final RequestScan scan;

    Responder(PayloadServer.Config config, IdleGroups idle) {
        this.config = config;
        this.idle = idle;
        this.scan = new RequestScan(config.path());
    }

    /**
     * Appends to {@code out} the responses to the whole requests in {@code c}'s input while each fits whole, and
     * stops after one whose body is streamed, that closes the connection or that is an idle hello (what follows
     * that is frames).
     *
     * @return true when a whole request is left because {@code out} has no room for its response
     */
    boolean compose(ServerConnection c, ByteBuffer out) {
        while (c.inputPending() && c.body == ServerConnection.NO_BODY && !c.closeAfter && c.idle == null) {
            byte[] in = c.in;
            int from = c.inStart;
            int to = c.inLength;
            if (!RequestHead.methodCanStart(in, from, to)) {
                // binary garbage (a TLS handshake, say) is refused at once, not after the header timeout
                return refuse(c, out, 400, "malformed request line");
            }
            int end = RequestHead.headEnd(in, from, to);
            if (end < 0) {
                if (RequestHead.indexOf(in, from, to, (byte) '\n') < 0 && to - from > config.maxRequestLineBytes()) {
                    return refuse(c, out, 414, "request line too long");
                } else if (to - from > config.maxHeadBytes()) {
                    return refuse(c, out, 431, "request headers too large");
                }
                return false;
            }
            if (RequestHead.indexOf(in, from, end, (byte) '\n') - from > config.maxRequestLineBytes()) {
                return refuse(c, out, 414, "request line too long");
            }
            if (end - from > config.maxHeadBytes()) return refuse(c, out, 431, "request headers too large");
            scan.scan(in, from, end);
            if (scan.refusal != 0) return refuse(c, out, scan.refusal, scan.why);
            if (!respond(c, out)) return true;
            c.inStart = end;
        }
        return false;
    }

    /** Composes the answer to the request just scanned; false, composing nothing, when it does not fit in out. */
    private boolean respond(ServerConnection c, ByteBuffer out) {
        boolean head = scan.method == RequestScan.Method.HEAD;
        boolean keepAlive = scan.keepAlive;
        if (scan.method == RequestScan.Method.OTHER) {
            return small(c, out, NOT_ALLOWED, NOT_ALLOWED_TEXT, true, false);
        }
        switch (scan.target) {
            case PAYLOAD -> {
                long length = config.payloadBytes();
                if (!putHead(c, out, ResponseHeads.OK, length, keepAlive)) return false;
                stream(c, ServerConnection.FILE_BODY, head ? 0 : length, keepAlive);
            }
            case RR -> {
                long length = scan.rrBytes;
                long body = head ? 0 : length;
                if (body <= INLINE_BODY) {
                    int headBytes = ResponseHeads.length(ResponseHeads.OK, length, keepAlive, scan.http11);
                    if (out.remaining() < headBytes + body) return false;
                    ResponseHeads.put(out, ResponseHeads.OK, length, keepAlive, scan.http11);
                    PatternBuffer.putStart(out, (int) body);
                    c.begun(headBytes + body);
                    c.closeAfter = !keepAlive;
                } else {
                    if (!putHead(c, out, ResponseHeads.OK, length, keepAlive)) return false;
                    stream(c, ServerConnection.PATTERN_BODY, body, keepAlive);
                }
            }
            case RR_INVALID -> {
                return small(c, out, NOT_FOUND, RR_SIZES_TEXT, !head, keepAlive);
            }
            case IDLE -> {
                return hello(c, out);
            }
            case IDLE_INVALID -> {
                return small(c, out, NOT_FOUND, IDLE_FORM_TEXT, !head, keepAlive);
            }
            case OTHER -> {
                return small(c, out, NOT_FOUND, NOT_FOUND_TEXT, !head, keepAlive);
            }
        }
        return true;
    }

    /**
     * Answers an idle hello: the 200 head without a length, after which the connection belongs to its group
     * (ServerLoop hands it over once the head is out); a HEAD, a hello that closes its connection, or one its group
     * refuses, is answered with an error that closes it.
     */
    private boolean hello(ServerConnection c, ByteBuffer out) {
        if (scan.method != RequestScan.Method.GET || !scan.keepAlive) {
            return small(c, out, NOT_ALLOWED, IDLE_GET_TEXT, scan.method != RequestScan.Method.HEAD, false);
        }
        if (out.remaining() < ResponseHeads.IDLE_OK.length) return false;
        IdleGroups.Admission admission = idle.admit(scan.idle, c.channel);
        if (admission.refusal() != null) {
            return small(c, out, CONFLICT, ResponseHeads.ascii(admission.refusal() + "\n"), true, false);
        }
        out.put(ResponseHeads.IDLE_OK);
        c.begun(ResponseHeads.IDLE_OK.length);
        c.idle = admission.member();
        return true;
    }

    /** Puts a head whose body is streamed after it, counting the body into the response; false when out is full. */
    private boolean putHead(ServerConnection c, ByteBuffer out, byte[] prefix, long length, boolean keepAlive) {
        int headBytes = ResponseHeads.length(prefix, length, keepAlive, scan.http11);
        if (out.remaining() < headBytes) return false;
        ResponseHeads.put(out, prefix, length, keepAlive, scan.http11);
        c.begun(headBytes + (scan.method == RequestScan.Method.HEAD ? 0 : length));
        return true;
    }

    private static void stream(ServerConnection c, int kind, long body, boolean keepAlive) {
        c.closeAfter = !keepAlive;
        if (body == 0) return;
        c.body = kind;
        c.bodyPosition = 0;
        c.bodyEnd = body;
    }

    /** A short answer with its text; {@code withBody} false answers a HEAD: the text's length, not the text. */
    private boolean small(ServerConnection c, ByteBuffer out, byte[] prefix, byte[] text, boolean withBody,
                          boolean keepAlive) {
        int headBytes = ResponseHeads.length(prefix, text.length, keepAlive, scan.http11);
        int bytes = headBytes + (withBody ? text.length : 0);
        if (out.remaining() < bytes) return false;
        ResponseHeads.put(out, prefix, text.length, keepAlive, scan.http11);
        if (withBody) out.put(text);
        c.begun(bytes);
        c.closeAfter = !keepAlive;
        return true;
    }

    /** Refuses the request at the front of the input, drops the rest of the input, and closes after the answer. */
    private boolean refuse(ServerConnection c, ByteBuffer out, int status, String why) {
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 505 -> "HTTP Version Not Supported";
            default -> "Error";
        };
        if (!small(c, out, ResponseHeads.statusPrefix(status + " " + reason), ResponseHeads.ascii(why + "\n"), true,
                false)) {
            return true;
        }
        c.inStart = c.inLength;
        return false;
    }
}
