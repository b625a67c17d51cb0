package netoverhead.http;

import java.nio.ByteBuffer;

/**
 * The idle workload's wire format, spoken by its conversation and by the embedded server (docs/servers.md).
 *
 * <p>A connection says hello with {@code GET /idle/<connections>/<warmup_ms>/<duration_ms>/<group> HTTP/1.1};
 * the server answers with a 200 head without a length and from then on speaks in frames of {@link #BYTES} bytes:
 * a type byte, three zero bytes, a 32-bit and a 64-bit big-endian number. Once {@code connections} hellos of the
 * group are in, the server runs the group's timeline: warm-up pings for {@code warmup_ms}, then {@link #START} on
 * the group's first connection, measured pings for {@code duration_ms}, {@link #END} on that connection, the round
 * trips of the measured pings as {@link #RESULT} frames there, and {@link #BYE} on every connection. Each second
 * it pings {@link #pingsPerSecond} connections picked at random, spread over the second. The client echoes every
 * ping at once, unchanged; the server's round trip is from writing a ping to reading its echo.
 */
public final class IdleFrames {
    public static final int BYTES = 16;
    /** The hello's path begins so; {@link #helloPath} makes it whole. */
    public static final String PREFIX = "/idle/";

    /** A ping before the window; {@code wide} is the server's send time (echoed, not read by the client). */
    public static final byte WARMUP_PING = 'w';
    /** A ping inside the measured window. */
    public static final byte MEASURED_PING = 'm';
    /** The measured window opens (on one connection of the group). */
    public static final byte START = 'S';
    /** The measured window ends (on the connection that had {@link #START}). */
    public static final byte END = 'E';
    /** {@code narrow} measured round trips of {@code wide} nanoseconds each, after {@link #END}. */
    public static final byte RESULT = 'r';
    /** The last frame on every connection: the client closes it. */
    public static final byte BYE = 'x';

    private IdleFrames() {}

    /** The hello's path: what the harness puts in the client plan's path for an idle iteration. */
    public static String helloPath(int connections, long warmupMs, long durationMs, String group) {
        return PREFIX + connections + "/" + warmupMs + "/" + durationMs + "/" + group;
    }

    /** One percent of the connections each second, at least one. */
    public static int pingsPerSecond(int connections) {
        return Math.max(1, connections / 100);
    }

    /** Puts one frame. */
    public static void put(ByteBuffer out, byte type, int narrow, long wide) {
        out.put(type).put((byte) 0).put((byte) 0).put((byte) 0).putInt(narrow).putLong(wide);
    }

    /** The type of the frame at {@code at}. */
    public static byte type(ByteBuffer frame, int at) {
        return frame.get(at);
    }

    public static int narrow(ByteBuffer frame, int at) {
        return frame.getInt(at + 4);
    }

    public static long wide(ByteBuffer frame, int at) {
        return frame.getLong(at + 8);
    }
}
