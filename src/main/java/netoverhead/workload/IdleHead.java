package netoverhead.workload;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobFailure;

/**
 * The server's answer to an idle hello, read up to its blank line: it must be a 200. An idle connection keeps one
 * only until the head is read, so that a connection that waits for heartbeats holds none of it.
 */
final class IdleHead {
    private static final int STATUS_BYTES = 64;
    private static final int HEAD_END = 0x0D0A0D0A;
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final byte[] statusLine = new byte[STATUS_BYTES];
    private int statusLength;
    private boolean statusDone;
    private int tail;            // the head's last four bytes
    private int headBytes;

    /**
     * Reads head bytes from {@code buf}, leaving what follows the head in it.
     *
     * @return true once the head's blank line is read and its status is 200
     * @throws JobFailure when the status is not 200, or the head has no end in MAX_HEAD_BYTES
     */
    boolean read(ByteBuffer buf) throws JobFailure {
        while (buf.hasRemaining()) {
            byte b = buf.get();
            if (b == '\r' || b == '\n') {
                statusDone = true;
            } else if (!statusDone && statusLength < STATUS_BYTES) {
                statusLine[statusLength++] = b;
            }
            tail = (tail << 8) | (b & 0xff);
            if (tail == HEAD_END) {
                checkStatus();
                return true;
            }
            if (++headBytes > MAX_HEAD_BYTES) {
                throw new JobFailure(ErrorKind.PROTOCOL, "the server's answer to the idle hello has no end of head in "
                        + MAX_HEAD_BYTES + " bytes");
            }
        }
        return false;
    }

    private void checkStatus() throws JobFailure {
        String line = new String(statusLine, 0, statusLength, StandardCharsets.ISO_8859_1);
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || !line.startsWith(" 200", 8)) {
            throw new JobFailure(line.startsWith("HTTP/1.") ? ErrorKind.STATUS : ErrorKind.PROTOCOL,
                    "the server answered the idle hello with \"" + line + "\": idle needs netoverhead's own server"
                            + " (embedded, or netoverhead serve), which sends the heartbeats");
        }
    }
}
