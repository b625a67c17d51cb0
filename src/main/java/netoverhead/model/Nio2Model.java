package netoverhead.model;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import netoverhead.job.JobRecord;
import netoverhead.workload.Workload;

/**
 * NIO.2: AsynchronousSocketChannels in one channel group of a fixed thread pool (one thread per core unless
 * {@code --loops N}), each job a chain of CompletionHandlers that drives its conversation ({@link Nio2Job}).
 * On Linux the group's threads wait in epoll and run the handlers. An open loop adds one timer thread for the
 * whole run, which starts the sends that wait for their time; a closed loop (and bulk) has none.
 */
public final class Nio2Model implements JvmModel {
    @Override public String name() { return "nio2"; }

    @Override public String label() { return "NIO.2"; }

    @Override public String description() {
        return "AsynchronousSocketChannel with CompletionHandlers, one group thread per core (--loops N)";
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        long origin = workload.origin();
        InetSocketAddress address = plan.address();
        CountDownLatch finished = new CountDownLatch(jobs.length);
        ThreadFactory threads = Thread.ofPlatform().daemon().name("nio2-", 0).factory();
        AsynchronousChannelGroup group;
        try {
            group = AsynchronousChannelGroup.withFixedThreadPool(plan.loopsOrCores(), threads);
        } catch (IOException e) {
            for (JobRecord job : jobs) {
                job.fail(e);
                job.endAt = System.nanoTime() - origin;
            }
            return;
        }
        ScheduledExecutorService timer = plan.workload().openLoop() ? startTimer() : null;
        try (IdleWatchdog watchdog = new IdleWatchdog()) {
            for (JobRecord record : jobs) {
                long start = System.nanoTime();
                AsynchronousSocketChannel channel;
                try {
                    channel = AsynchronousSocketChannel.open(group);
                } catch (IOException e) {
                    record.fail(e);
                    record.endAt = System.nanoTime() - origin;
                    finished.countDown();
                    continue;
                }
                long created = System.nanoTime();
                record.socketStartAt = start - origin;
                record.socketCreateNs = created - start;
                new Nio2Job(group, channel, record, workload.open(record), plan, watchdog, timer, finished::countDown)
                        .start(address, created);
                record.setupNs = System.nanoTime() - created;
            }
            finished.await();
        } finally {
            if (timer != null) timer.shutdownNow();
            try {
                group.shutdownNow();
            } catch (IOException ignored) {
                // every job has ended; closing the group measures nothing
            }
            group.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The open loop's timer, its thread started before the first socket as the group's are. */
    private static ScheduledExecutorService startTimer() {
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("nio2-timer").factory());
        timer.prestartAllCoreThreads();
        return timer;
    }
}
