package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One job on a blocking SocketChannel, as a thread-per-connection client does it: connect, send the
 * request, read into a buffer it owns until the response is complete. Shared by the threaded and the
 * virtual-thread models, which differ only in the thread that runs it.
 */
public final class BlockingJob implements Runnable {
    private final SocketChannel channel;
    private final JobRecord record;
    private final ClientPlan plan;
    private final InetSocketAddress address;
    private final byte[] request;
    private final long origin;
    private final IdleWatchdog watchdog;

    public BlockingJob(SocketChannel channel, JobRecord record, ClientPlan plan, InetSocketAddress address,
                       byte[] request, long origin, IdleWatchdog watchdog) {
        this.channel = channel;
        this.record = record;
        this.plan = plan;
        this.address = address;
        this.request = request;
        this.origin = origin;
        this.watchdog = watchdog;
    }

    @Override
    public void run() {
        ResponseParser parser = plan.newParser();
        IdleWatchdog.Watch watch = watchdog.watch(channel, System.nanoTime() + plan.connectTimeoutNanos());
        try {
            channel.connect(address);
            long now = System.nanoTime();
            record.connectedAt = now - origin;
            watch.deadline(now + plan.readTimeoutNanos());
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) channel.write(out);
            record.requestSentAt = System.nanoTime() - origin;
            ByteBuffer buffer = ByteBuffer.allocateDirect(plan.bufferSize());
            long timeout = plan.readTimeoutNanos();
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    parser.endOfStream();
                    break;
                }
                watch.deadline(System.nanoTime() + timeout);
                buffer.flip();
                if (parser.feed(buffer)) break;
            }
        } catch (Throwable t) {
            String expired = watch.expired();
            if (expired != null) {
                record.fail(record.connectedAt < 0 ? JobFailure.connectTimeout(plan.connectTimeoutMs())
                        : JobFailure.readTimeout(plan.readTimeoutMs(), parser.bodyBytes()));
            } else {
                record.fail(t, parser.whereNow());
            }
        } finally {
            parser.endJob(record, origin);
            watchdog.release(watch);
            try {
                channel.close();
            } catch (IOException ignored) {
                // the job is over; a failed close changes nothing it measured
            }
        }
    }
}
