package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.concurrent.TimeUnit;

import netoverhead.http.ResponseParser;
import netoverhead.job.JobFailure;
import netoverhead.job.JobRecord;

/**
 * One job as a chain of CompletionHandlers: connect, write until the request is out, read until the parser
 * says the response is complete. Each job owns its read buffer, because its read is outstanding while the
 * others' are. Reads and writes carry the read timeout; a connect has no timeout in NIO.2, so the watchdog
 * closes a channel whose connect takes too long.
 */
final class Nio2Job {
    private final AsynchronousSocketChannel channel;
    private final JobRecord record;
    private final ClientPlan plan;
    private final long origin;
    private final ResponseParser parser;
    private final ByteBuffer request;
    private final ByteBuffer buffer;
    private final IdleWatchdog watchdog;
    private final Runnable done;
    private IdleWatchdog.Watch connectWatch;

    Nio2Job(AsynchronousSocketChannel channel, JobRecord record, ClientPlan plan, byte[] request, long origin,
            IdleWatchdog watchdog, Runnable done) {
        this.channel = channel;
        this.record = record;
        this.plan = plan;
        this.origin = origin;
        this.parser = plan.newParser();
        this.request = ByteBuffer.wrap(request);
        this.buffer = ByteBuffer.allocateDirect(plan.bufferSize());
        this.watchdog = watchdog;
        this.done = done;
    }

    /** Starts the connect; everything after it runs on the channel group's threads. */
    void start(InetSocketAddress address, long created) {
        connectWatch = watchdog.watch(channel, created + plan.connectTimeoutNanos());
        try {
            channel.connect(address, null, connected);
        } catch (RuntimeException e) {
            // an unresolved address, say: the connect never started
            watchdog.release(connectWatch);
            record.fail(e);
            finish();
        }
    }

    private final CompletionHandler<Void, Void> connected = new CompletionHandler<>() {
        @Override
        public void completed(Void result, Void a) {
            record.connectedAt = System.nanoTime() - origin;
            watchdog.release(connectWatch);
            write();
        }

        @Override
        public void failed(Throwable t, Void a) {
            watchdog.release(connectWatch);
            if (connectWatch.expired() != null) {
                record.fail(JobFailure.connectTimeout(plan.connectTimeoutMs()));
            } else {
                record.fail(t);
            }
            finish();
        }
    };

    private final CompletionHandler<Integer, Void> wrote = new CompletionHandler<>() {
        @Override
        public void completed(Integer n, Void a) {
            if (request.hasRemaining()) {
                write();
                return;
            }
            record.requestSentAt = System.nanoTime() - origin;
            read();
        }

        @Override
        public void failed(Throwable t, Void a) {
            fail(t);
        }
    };

    private final CompletionHandler<Integer, Void> readDone = new CompletionHandler<>() {
        @Override
        public void completed(Integer n, Void a) {
            try {
                if (n < 0) {
                    parser.endOfStream();
                    finish();
                    return;
                }
                buffer.flip();
                if (parser.feed(buffer)) {
                    finish();
                    return;
                }
            } catch (Throwable t) {
                record.fail(t, parser.whereNow());
                finish();
                return;
            }
            read();
        }

        @Override
        public void failed(Throwable t, Void a) {
            fail(t);
        }
    };

    private void write() {
        channel.write(request, plan.readTimeoutMs(), TimeUnit.MILLISECONDS, null, wrote);
    }

    private void read() {
        buffer.clear();
        channel.read(buffer, plan.readTimeoutMs(), TimeUnit.MILLISECONDS, null, readDone);
    }

    private void fail(Throwable t) {
        if (t instanceof InterruptedByTimeoutException) {
            record.fail(JobFailure.readTimeout(plan.readTimeoutMs(), parser.bodyBytes()));
        } else {
            record.fail(t, parser.whereNow());
        }
        finish();
    }

    private void finish() {
        parser.endJob(record, origin);
        try {
            channel.close();
        } catch (IOException ignored) {
            // the job is over; a failed close changes nothing it measured
        }
        done.run();
    }
}
