package netoverhead.workload;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import netoverhead.job.JobRecord;

/**
 * The idle workload of one iteration: its connections' hello and the window, which the server opens and closes
 * (http/IdleFrames). The child waits for every connection to be established (or failed), collects garbage, and
 * then for the server's START and END.
 */
final class Idle implements Workload {
    private final ByteBuffer hello;
    private final int connections;
    private final long origin;
    private final Latencies latencies = new Latencies();
    private final AtomicInteger settled = new AtomicInteger();
    private final CountDownLatch established = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile long windowStart = Conversation.NEVER;
    private volatile long windowEnd = Conversation.NEVER;

    /** @param hello the request that opens every connection: a GET of IdleFrames.helloPath */
    Idle(byte[] hello, int connections, long origin) {
        this.hello = Workloads.direct(hello);
        this.connections = connections;
        this.origin = origin;
    }

    @Override
    public long origin() {
        return origin;
    }

    @Override
    public Conversation open(JobRecord record) {
        return new IdleConversation(this, record);
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }

    @Override
    public long windowStart() {
        return windowStart;
    }

    @Override
    public long windowEnd() {
        return windowEnd;
    }

    @Override
    public boolean awaitEstablished(Thread runner) throws InterruptedException {
        Waiting.awaitOrEnd(runner, established);
        return true;
    }

    @Override
    public long awaitWindowStart(Thread runner) throws InterruptedException {
        Waiting.awaitOrEnd(runner, opened);
        long start = windowStart;
        return start == Conversation.NEVER ? System.nanoTime() : start;
    }

    @Override
    public long awaitWindowEnd(Thread runner) throws InterruptedException {
        Waiting.awaitOrEnd(runner, closed);
        long end = windowEnd;
        return end == Conversation.NEVER ? System.nanoTime() : end;
    }

    ByteBuffer hello() {
        return hello;
    }

    /** One more connection is established or has failed. */
    void settled() {
        if (settled.incrementAndGet() == connections) established.countDown();
    }

    void windowOpened(long now) {
        if (windowStart == Conversation.NEVER) windowStart = now;
        opened.countDown();
    }

    void windowClosed(long now) {
        if (windowEnd == Conversation.NEVER) windowEnd = now;
        closed.countDown();
    }
}
