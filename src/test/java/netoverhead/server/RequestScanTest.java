package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The in-place reading of request heads decides exactly as {@link RequestHead#parse} does, on the plain heads it
 * reads and on the odd ones it hands over.
 */
class RequestScanTest {
    private static final List<String> HEADS = List.of(
            "GET /rr/128 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: netoverhead\r\n\r\n",
            "GET /rr/0 HTTP/1.1\r\n\r\n",
            "HEAD /rr/1073741824 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /rr/1073741825 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /rr/007 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /rr/12?x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /rr/ HTTP/1.1\r\n\r\n",
            "GET /rr HTTP/1.1\r\n\r\n",
            "GET /testpayload HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /testpayload?a=b HTTP/1.1\r\nconnection: TE, Close\r\n\r\n",
            "GET /testpayload HTTP/1.1\r\nConnection: TE\r\nCONNECTION:   close  \r\n\r\n",
            "GET /testpayload HTTP/1.0\r\n\r\n",
            "GET /testpayload HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
            "GET /testpayload HTTP/1.0\nConnection: keep-alive,\n\n",
            "GET /rr/5 HTTP/1.1\nHost: x\n\n",
            "POST /rr/5 HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "POST /rr/5 HTTP/1.1\r\nContent-Length: 10\r\n\r\n",
            "GET /rr/5 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET /rr/5 HTTP/1.1\r\nContent-Length:  0 \r\n\r\n",
            "GET /%74estpayload HTTP/1.1\r\n\r\n",
            "GET /rr/%31%32 HTTP/1.1\r\n\r\n",
            "GET /rr/%zz HTTP/1.1\r\n\r\n",
            "GET /other HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET rr/5 HTTP/1.1\r\n\r\n",
            "GET /rr/5 HTTP/2.0\r\n\r\n",
            "GET /rr/5 HTTP/1.1 \r\n\r\n",
            "GET  /rr/5 HTTP/1.1\r\n\r\n",
            "GET /rr/5 HTTP/1.1\r\n Folded: x\r\n\r\n",
            "GET /rr/5 HTTP/1.1\r\nNoColon\r\n\r\n",
            "GET /rr/5 HTTP/1.1\r\n: empty name\r\n\r\n",
            "GET /rr/5 HTTP/1.1\r\nConnection : close\r\n\r\n",
            "GET /rr/5 HTTP/1.1\r\nX: a\rb\r\n\r\n",
            "GET /rr/5\u00e9 HTTP/1.1\r\n\r\n",
            "G\u00c9T /rr/5 HTTP/1.1\r\n\r\n");

    @Test
    void decidesAsTheFullParserOnEveryHead() {
        RequestScan scan = new RequestScan("/testpayload");
        RequestScan reference = new RequestScan("/testpayload");
        int inPlace = 0;
        for (String text : HEADS) {
            // behind other bytes, as a pipelined head sits in a connection's input
            byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.ISO_8859_1);
            int end = 2 + text.length();
            scan.scan(bytes, 2, end);
            reference.slow(bytes, 2, end);
            if (scan.readInPlace) inPlace++;
            String what = text.replace("\r", "\\r").replace("\n", "\\n");
            assertThat(scan.refusal).as(what).isEqualTo(reference.refusal);
            if (reference.refusal != 0) continue;
            assertThat(scan.method).as(what).isEqualTo(reference.method);
            assertThat(scan.target).as(what).isEqualTo(reference.target);
            if (reference.target == RequestScan.Target.RR) assertThat(scan.rrBytes).as(what).isEqualTo(reference.rrBytes);
            assertThat(scan.http11).as(what).isEqualTo(reference.http11);
            assertThat(scan.keepAlive).as(what).isEqualTo(reference.keepAlive);
        }
        assertThat(inPlace).as("plain heads are read in place").isGreaterThanOrEqualTo(15);
    }

    @Test
    void theHeadsABenchmarkClientSendsAreReadInPlace() {
        RequestScan scan = new RequestScan("/testpayload");
        for (String text : List.of("GET /rr/128 HTTP/1.1\r\nHost: [::1]:8000\r\nUser-Agent: netoverhead\r\n\r\n",
                "GET /testpayload HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: netoverhead\r\nConnection: close\r\n\r\n",
                "GET /rr/4096 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n")) {
            byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
            scan.scan(bytes, 0, bytes.length);
            assertThat(scan.readInPlace).as(text).isTrue();
            assertThat(scan.method).isEqualTo(RequestScan.Method.GET);
        }
        assertThat(scan.rrBytes).isEqualTo(4096);
        assertThat(scan.keepAlive).isTrue();
    }
}
