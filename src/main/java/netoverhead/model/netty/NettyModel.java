package netoverhead.model.netty;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

import netoverhead.job.JobRecord;
import netoverhead.model.Availability;
import netoverhead.model.ClientPlan;
import netoverhead.model.JvmModel;
import netoverhead.workload.Workload;

/**
 * A Netty 4.2 client over one transport: a MultiThreadIoEventLoopGroup (one loop per core unless
 * {@code --loops N}), Bootstraps whose ChannelFactory times socket creation ({@link Connector}), and a
 * {@link NettyJob} per job, which drives the job's conversation over its connection (for churn, one after
 * another on the same loop). Reads go into buffers of {@code --buffer} bytes
 * from Netty's default allocator, whose per-thread cache hands each loop the same memory again and again.
 */
public abstract class NettyModel implements JvmModel {
    private volatile Availability availability;

    /** Whether the transport can run here, asked once: loading a native library is not free. */
    @Override
    public final Availability availability() {
        Availability a = availability;
        if (a == null) availability = a = probe();
        return a;
    }

    /** Finds out whether the transport can run here; the JDK's own selector always can. */
    protected Availability probe() {
        return Availability.AVAILABLE;
    }

    /** The transport's I/O handler: NIO, epoll or io_uring. */
    protected abstract IoHandlerFactory ioHandlerFactory();

    /** A new, unconnected socket channel of the transport: the call that creates the socket. */
    protected abstract Channel newChannel();

    @Override
    public List<String> jvmOptions(ClientPlan plan) {
        // the native transports load a JNI library; say so, so that the JDK does not warn about it
        return List.of("--enable-native-access=ALL-UNNAMED");
    }

    /**
     * Netty loads about twice the classes of a JDK model on first use. Creating, registering and closing
     * one unconnected channel on a throwaway loop loads most of them before the measured window.
     */
    @Override
    public void prepare(ClientPlan plan) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, ioHandlerFactory());
        try {
            Channel channel = newChannel();
            channel.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(plan.bufferSize()));
            group.register(channel).sync();
            channel.alloc().ioBuffer(plan.bufferSize()).release();
            channel.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        long origin = workload.origin();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(plan.loopsOrCores(), ioHandlerFactory());
        try {
            // start every loop's thread before the first socket, as other models open their selectors first
            for (EventExecutor loop : group) loop.submit(() -> { }).sync();
            CountDownLatch finished = new CountDownLatch(jobs.length);
            Bootstrap template = new Bootstrap()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, plan.connectTimeoutMs())
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(plan.bufferSize()))
                    // Bootstrap wants a handler; each channel's own (its NettyConnection) is added by the factory
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) { }
                    });
            InetSocketAddress address = plan.address();
            // first connections from this thread, spread over the loops; a job's reconnects from its own loop
            Connector first = new Connector(template, group, this::newChannel, origin, address);
            Map<EventLoop, Connector> reconnectors = new HashMap<>();
            for (EventExecutor loop : group) {
                reconnectors.put((EventLoop) loop, new Connector(template, (EventLoop) loop, this::newChannel, origin,
                        address));
            }
            Function<EventLoop, Connector> perLoop = Map.copyOf(reconnectors)::get;
            for (JobRecord record : jobs) {
                NettyJob job = new NettyJob(record, workload.open(record), plan, finished::countDown, perLoop);
                job.start(first);
                long created = first.createdAt();
                if (created >= 0) record.setupNs = System.nanoTime() - created;
            }
            finished.await();
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
