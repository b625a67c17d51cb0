package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import netoverhead.job.ErrorKind;
import netoverhead.job.JobRecord;

/**
 * One virtual thread per job with the same blocking code as the threaded model: the JDK parks the virtual
 * thread on a blocked read and its poller wakes it, so the difference to the threaded model is the thread.
 */
public final class VirtualModel implements JvmModel {
    @Override public String name() { return "virtual"; }

    @Override public String label() { return "Virtual threads"; }

    @Override public String description() { return "one virtual thread per connection, blocking SocketChannel"; }

    @Override
    public void run(ClientPlan plan, JobRecord[] jobs, long origin) throws InterruptedException {
        Thread[] threads = new Thread[jobs.length];
        InetSocketAddress address = plan.address();
        byte[] request = plan.request();
        Thread.Builder builder = Thread.ofVirtual().name("job-", 0);
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
                    threads[i] = builder.start(new BlockingJob(channel, record, plan, address, request, origin, watchdog));
                } catch (OutOfMemoryError e) {
                    record.fail(ErrorKind.IO, "cannot start a virtual thread: " + e.getMessage());
                    record.endAt = System.nanoTime() - origin;
                    ThreadedModel.closeQuietly(channel);
                    continue;
                }
                record.setupNs = System.nanoTime() - created;
            }
            for (Thread t : threads) {
                if (t != null) t.join();
            }
        }
    }
}
