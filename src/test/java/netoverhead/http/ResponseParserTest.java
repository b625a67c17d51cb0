package netoverhead.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;
import netoverhead.payload.PayloadPattern;

class ResponseParserTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] withBody(String head, byte[] body) {
        byte[] h = bytes(head);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Feeds the response in two pieces split at {@code at}, then closes if not complete. */
    private static ResponseParser parseSplit(byte[] response, int at) throws JobFailure {
        ResponseParser p = new ResponseParser();
        boolean done = p.feed(response, 0, at);
        if (!done) done = p.feed(response, at, response.length - at);
        if (!done) p.endOfStream();
        return p;
    }

    @Test
    void contentLengthBodySplitAtEveryByte() throws JobFailure {
        byte[] body = new byte[300];
        PayloadPattern.fill(0, body, 0, body.length);
        byte[] response = withBody("HTTP/1.1 200 OK\r\nContent-Length: 300\r\nServer: x\r\n\r\n", body);
        for (int at = 0; at <= response.length; at++) {
            ResponseParser p = new ResponseParser();
            boolean done = p.feed(response, 0, at);
            done = p.feed(response, at, response.length - at) || done;
            assertThat(done).as("split at %d", at).isTrue();
            assertThat(p.bodyBytes()).isEqualTo(300);
            assertThat(p.contentLength()).isEqualTo(300);
            assertThat(p.status()).isEqualTo(200);
        }
    }

    @Test
    void everyByteInItsOwnBuffer() throws JobFailure {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n"
                + "6\r\n world\r\n0\r\nX-Trailer: yes\r\n\r\n";
        ResponseParser p = new ResponseParser();
        byte[] b = bytes(response);
        boolean done = false;
        for (int i = 0; i < b.length; i++) {
            assertThat(done).as("complete before byte %d", i).isFalse();
            done = p.feed(ByteBuffer.wrap(b, i, 1));
        }
        assertThat(done).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(11);
        assertThat(p.contentLength()).isEqualTo(-1);
    }

    @Test
    void chunkedWithExtensionsAndTrailersSplitAtEveryByte() throws JobFailure {
        byte[] response = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a;ext=1;other\r\n0123456789\r\n1F\r\n" + "x".repeat(31) + "\r\n0\r\nTrailer-One: 1\r\nTrailer-Two: 2\r\n\r\n");
        for (int at = 0; at <= response.length; at++) {
            ResponseParser p = parseSplit(response, at);
            assertThat(p.isComplete()).isTrue();
            assertThat(p.bodyBytes()).as("split at %d", at).isEqualTo(41);
        }
    }

    @Test
    void untilCloseBodyEndsAtEndOfStream() throws JobFailure {
        byte[] response = bytes("HTTP/1.0 200 OK\r\n\r\nsome body bytes");
        for (int at = 0; at <= response.length; at++) {
            ResponseParser p = new ResponseParser();
            assertThat(p.feed(response, 0, at)).isFalse();
            assertThat(p.feed(response, at, response.length - at)).isFalse();
            p.endOfStream();
            assertThat(p.isComplete()).isTrue();
            assertThat(p.bodyBytes()).isEqualTo(15);
        }
    }

    @Test
    void bareLineFeedsAreAccepted() throws JobFailure {
        ResponseParser p = parseSplit(bytes("HTTP/1.1 200 OK\nContent-Length: 2\n\nok"), 5);
        assertThat(p.bodyBytes()).isEqualTo(2);
    }

    @Test
    void zeroLengthBodyCompletesAtEndOfHead() throws JobFailure {
        ResponseParser p = new ResponseParser();
        assertThat(p.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), 0, 38)).isTrue();
        assertThat(p.bodyBytes()).isZero();
    }

    private static void assertFails(String response, ErrorKind kind, String messagePart) {
        assertThatThrownBy(() -> parseSplit(bytes(response), response.length() / 2))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.kind()).isEqualTo(kind))
                .hasMessageContaining(messagePart);
    }

    @Test
    void failuresHaveTheirKindAndReason() {
        assertFails("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", ErrorKind.STATUS, "404 Not Found");
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345", ErrorKind.TRUNCATED, "5 of 10");
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n12345", ErrorKind.PROTOCOL, "longer");
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", ErrorKind.PROTOCOL, "bad Content-Length");
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", ErrorKind.PROTOCOL, "bad Content-Length");
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", ErrorKind.PROTOCOL, "conflicting");
        assertFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", ErrorKind.PROTOCOL, "bad chunk size");
        assertFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", ErrorKind.PROTOCOL, "chunk data longer");
        assertFails("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", ErrorKind.TRUNCATED, "chunked");
        assertFails("ICY 200 OK\r\n\r\n", ErrorKind.PROTOCOL, "malformed status line");
        assertFails("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", ErrorKind.PROTOCOL, "malformed header");
        assertFails("", ErrorKind.TRUNCATED, "before any response");
        assertFails("HTTP/1.1 200 OK\r\nContent-", ErrorKind.TRUNCATED, "inside the response head");
    }

    @Test
    void headerNamesInAnyCaseAndValuesTrimmed() throws JobFailure {
        ResponseParser p = new ResponseParser();
        assertThat(p.feed(ByteBuffer.wrap(bytes("HTTP/1.0 200 Fine\r\ncOnTeNt-LeNgTh: \t 5 \r\n"
                + "X-Other: Content-Length: 9\r\nCONNECTION:   Keep-Alive, CLOSE \r\n\r\nhello")))).isTrue();
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.contentLength()).isEqualTo(5);
        assertThat(p.closesConnection()).isTrue();
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: 1234567890123456789\r\n\r\n", ErrorKind.PROTOCOL,
                "bad Content-Length: 1234567890123456789");
        assertFails("HTTP/1.1 200 OK\r\nContent-Length: 12 3\r\n\r\n", ErrorKind.PROTOCOL, "bad Content-Length: 12 3");
        assertFails("HTTP/1.1 2x0 OK\r\n\r\n", ErrorKind.PROTOCOL, "malformed status line: HTTP/1.1 2x0 OK");
        assertFails("HTTP/1.1 503 Busy Now \r\n\r\n", ErrorKind.STATUS, "HTTP 503 Busy Now");
    }

    @Test
    void pipelinedResponsesAreReadOneAtATime() throws JobFailure {
        ResponseParser p = new ResponseParser();
        ByteBuffer two = ByteBuffer.wrap(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nab"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n"));
        assertThat(p.feedResponse(two)).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(2);
        assertThat(p.closesConnection()).isFalse();
        assertThat(two.remaining()).isPositive();
        p.reset();
        assertThat(p.started()).isFalse();
        assertThat(p.feedResponse(two)).isTrue();
        assertThat(p.bodyBytes()).isEqualTo(3);
        assertThat(two.hasRemaining()).isFalse();
    }

    @Test
    void headLargerThanTheLimitIsAProtocolError() {
        ResponseParser p = new ResponseParser(1024, false);
        String head = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n";
        assertThatThrownBy(() -> p.feed(bytes(head), 0, head.length()))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.PROTOCOL))
                .hasMessageContaining("larger than 1024");
    }

    @Test
    void verificationCatchesACorruptByte() throws JobFailure {
        byte[] body = new byte[100_000];
        PayloadPattern.fill(0, body, 0, body.length);
        byte[] good = withBody("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", body);
        ResponseParser ok = new ResponseParser(1024, true);
        assertThat(ok.feed(good, 0, good.length)).isTrue();

        body[77_777] ^= 1;
        byte[] bad = withBody("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", body);
        ResponseParser p = new ResponseParser(1024, true);
        assertThatThrownBy(() -> p.feed(bad, 0, bad.length))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.kind()).isEqualTo(ErrorKind.CORRUPT))
                .hasMessageContaining("77777");
    }
}
