package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;

/** The seed's threaded client: one platform thread per job, each with a blocking socket. */
public final class ThreadedModel implements JvmModel {
    @Override public String name() { return "threaded"; }

    @Override public String label() { return "Threaded"; }

    @Override public String description() { return "one platform thread per connection, blocking SocketChannel"; }

    @Override
    public void run(ClientPlan plan, JobRecord[] jobs, long origin) throws InterruptedException {
        Thread[] threads = new Thread[jobs.length];
        InetSocketAddress address = plan.address();
        byte[] request = plan.request();
        try (IdleWatchdog watchdog = new IdleWatchdog()) {
            for (int i = 0; i < jobs.length; i++) {
                JobRecord record = jobs[i];
                long start = System.nanoTime();
                SocketChannel channel;
                try {
                    channel = SocketChannel.open();
                } catch (IOException e) {
                    record.fail(e);
                    record.endAt = System.nanoTime() - origin;
                    continue;
                }
                long created = System.nanoTime();
                record.socketStartAt = start - origin;
                record.socketCreateNs = created - start;
                try {
                    Thread t = new Thread(new BlockingJob(channel, record, plan, address, request, origin, watchdog), "job-" + i);
                    t.start();
                    threads[i] = t;
                } catch (OutOfMemoryError e) {
                    // "unable to create native thread": the job cannot run, the others still can
                    record.fail(ErrorKind.IO, "cannot start a thread: " + e.getMessage());
                    record.endAt = System.nanoTime() - origin;
                    closeQuietly(channel);
                    continue;
                }
                record.setupNs = System.nanoTime() - created;
            }
            for (Thread t : threads) {
                if (t != null) t.join();
            }
        }
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was measured on it
        }
    }
}
