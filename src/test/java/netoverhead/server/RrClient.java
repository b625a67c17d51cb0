package netoverhead.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import netoverhead.payload.PayloadPattern;

/** A blocking test client on one kept-alive connection: writes requests, reads responses framed by Content-Length. */
final class RrClient implements AutoCloseable {
    /** One response: its head's text and its body. */
    record Response(String head, byte[] body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        /** Whether the body is the payload pattern from offset 0. */
        boolean bodyIsPattern() {
            byte[] expected = new byte[body.length];
            PayloadPattern.fill(0, expected, 0, expected.length);
            return java.util.Arrays.equals(expected, body);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RrClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: netoverhead\r\n\r\n";
    }

    void send(String requests) throws IOException {
        out.write(requests.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response; its body by Content-Length, none when {@code headOnly}. */
    Response read(boolean headOnly) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) break;
        }
        if (b < 0) throw new IOException("the server closed the connection after " + head.size() + " bytes of a head");
        String text = head.toString(StandardCharsets.ISO_8859_1);
        long length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(line.substring(15).trim());
        }
        byte[] body = headOnly ? new byte[0] : in.readNBytes((int) length);
        if (body.length != (headOnly ? 0 : length)) throw new IOException("short body: " + body.length + " of " + length);
        return new Response(text, body);
    }

    Response read() throws IOException {
        return read(false);
    }

    /** Whether the server has closed the connection: the next read finds its end. */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
