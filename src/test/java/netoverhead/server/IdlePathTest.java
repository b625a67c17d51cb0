package netoverhead.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import netoverhead.http.IdleFrames;

/** Idle hellos as the server reads them: the form, its limits, and the same reading in place and in full. */
class IdlePathTest {
    @Test
    void readsTheHelloTheClientsSend() {
        IdlePath.Hello hello = IdlePath.parse(IdleFrames.helloPath(100_000, 2000, 60_000, "run-7.a_B"));
        assertThat(hello).isEqualTo(new IdlePath.Hello(100_000, 2000, 60_000, "run-7.a_B"));
        assertThat(IdlePath.parse("/idle/1/0/0/" + "g".repeat(IdlePath.MAX_GROUP)).group()).hasSize(IdlePath.MAX_GROUP);
        assertThat(IdlePath.parse("/idle/999999999/999999999/999999999/g").connections()).isEqualTo(999_999_999);
    }

    @Test
    void refusesEveryOtherPathUnderIdle() {
        for (String path : List.of("/idle/", "/idle/3/200/1000", "/idle/3/200/1000/", "/idle/0/200/1000/g",
                "/idle/03/200/1000/g", "/idle/3/00/1000/g", "/idle/+3/200/1000/g", "/idle/3/200/1000000000/g",
                "/idle//200/1000/g", "/idle/3/200/1000/a/b", "/idle/3/200/1000/a b", "/idle/3/200/1000/\u00e9",
                "/idle/3/200/1000/" + "g".repeat(IdlePath.MAX_GROUP + 1), "/idlex/3/200/1000/g", "/rr/3")) {
            assertThat(IdlePath.parse(path)).as(path).isNull();
        }
    }

    @Test
    void theRequestScanReadsHellosInPlaceAsTheFullParserDoes() {
        RequestScan scan = new RequestScan("/testpayload");
        RequestScan reference = new RequestScan("/testpayload");
        for (String text : List.of(
                "GET /idle/3/200/1000/g1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: netoverhead\r\n\r\n",
                "GET /idle/3/200/1000/g1?x=1 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /idle/3/200/1000/g%31 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /idle/3/200/1000/bad! HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /idle/3/200/1000/g HTTP/1.1\r\nConnection: close\r\n\r\n",
                "HEAD /idle/1/0/0/g HTTP/1.1\r\n\r\n")) {
            byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.ISO_8859_1);
            int end = 2 + text.length();
            scan.scan(bytes, 2, end);
            reference.slow(bytes, 2, end);
            assertThat(scan.target).as(text).isEqualTo(reference.target);
            assertThat(scan.keepAlive).as(text).isEqualTo(reference.keepAlive);
            assertThat(scan.method).as(text).isEqualTo(reference.method);
            if (reference.target == RequestScan.Target.IDLE) assertThat(scan.idle).as(text).isEqualTo(reference.idle);
        }
        byte[] plain = "GET /idle/3/200/1000/g1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        scan.scan(plain, 0, plain.length);
        assertThat(scan.readInPlace).isTrue();
        assertThat(scan.target).isEqualTo(RequestScan.Target.IDLE);
        assertThat(scan.idle).isEqualTo(new IdlePath.Hello(3, 200, 1000, "g1"));
        byte[] bad = "GET /idle/3/200/g HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        scan.scan(bad, 0, bad.length);
        assertThat(scan.target).isEqualTo(RequestScan.Target.IDLE_INVALID);
    }
}
