package netoverhead.profile;

import java.time.Duration;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Every socket read and write the JDK recorded (jdk.SocketRead and jdk.SocketWrite, recorded with a zero
 * threshold): how many calls, how many bytes, and how long they took in total and at most. A blocking
 * model's reads wait for data inside the call; a non-blocking model's return at once, so their times say
 * where each model waits.
 */
public final class SocketIo implements JfrSummary {
    private final Tally reads = new Tally();
    private final Tally writes = new Tally();

    private static final class Tally {
        long count;
        long bytes;
        long zero;
        long totalNanos;
        long longestNanos;

        void add(long n, Duration d) {
            count++;
            if (n > 0) bytes += n;
            else zero++;
            long nanos = d.toNanos();
            totalNanos += nanos;
            longestNanos = Math.max(longestNanos, nanos);
        }

        String line(String what) {
            if (count == 0) return String.format("  %-6s none recorded%n", what);
            return String.format("  %-6s %9d calls  %12s bytes (%.1f MiB, %.1f KiB per call)  total %.3f s  "
                            + "longest %.3f ms  mean %.1f us  %d returned no data%n",
                    what, count, bytes, bytes / 1048576.0, bytes / 1024.0 / count, totalNanos / 1e9,
                    longestNanos / 1e6, totalNanos / 1e3 / count, zero);
        }
    }

    @Override
    public void accept(RecordedEvent e) {
        switch (e.getEventType().getName()) {
            case "jdk.SocketRead" -> reads.add(e.getLong("bytesRead"), e.getDuration());
            case "jdk.SocketWrite" -> writes.add(e.getLong("bytesWritten"), e.getDuration());
            default -> { }
        }
    }

    @Override
    public String render(RecordingSpan span) {
        return "Socket I/O (jdk.SocketRead, jdk.SocketWrite, every call)\n" + reads.line("read") + writes.line("write");
    }
}
