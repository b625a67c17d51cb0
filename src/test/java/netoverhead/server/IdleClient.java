package netoverhead.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import netoverhead.http.IdleFrames;

/**
 * A blocking test client of one idle connection, on a plain JDK socket: says hello, reads the answer's head, then
 * reads frames, echoing every ping unchanged at once, until the server's BYE or the end of the stream.
 */
final class IdleClient implements AutoCloseable {
    /** One frame the server sent. */
    record Frame(byte type, int narrow, long wide) {
        @Override
        public String toString() {
            return (char) type + "(" + narrow + ")";
        }
    }

    private static final int MOST_FRAMES = 100_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String head;
    private final List<Frame> frames = new ArrayList<>();
    private boolean ended;

    IdleClient(int port, String path) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000); // bounds every read: a test never waits longer for a frame
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        out.write(RrClient.get(path).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        head = readHead();
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            bytes.write(b);
            last4 = last4 << 8 | b;
            if (last4 == 0x0d0a0d0a) break;
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** The answer to the hello, up to and with its blank line. */
    String head() {
        return head;
    }

    /** Reads and echoes up to the server's BYE or the end of the stream: every frame read, in order. */
    List<Frame> untilBye() throws IOException {
        Frame f;
        do {
            f = next();
        } while (f != null && f.type() != IdleFrames.BYE && frames.size() < MOST_FRAMES);
        return frames;
    }

    /** Reads one frame, echoing it at once if it is a ping; null at the end of the stream. */
    Frame next() throws IOException {
        byte[] frame = in.readNBytes(IdleFrames.BYTES);
        if (frame.length < IdleFrames.BYTES) {
            ended = true;
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        Frame f = new Frame(IdleFrames.type(buffer, 0), IdleFrames.narrow(buffer, 0), IdleFrames.wide(buffer, 0));
        frames.add(f);
        if (f.type() == IdleFrames.WARMUP_PING || f.type() == IdleFrames.MEASURED_PING) send(frame);
        return f;
    }

    /** Whether the server closed the connection after the frames read. */
    boolean closedByServer() throws IOException {
        return ended || in.read() < 0;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Closes abruptly: a reset, as a client process that dies. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
