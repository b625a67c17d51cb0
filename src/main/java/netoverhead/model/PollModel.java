package netoverhead.model;

import java.io.IOException;
import java.util.List;

import netoverhead.job.JobRecord;
import netoverhead.workload.Workload;

/**
 * The Haiku suite's poll() client: one thread, non-blocking SocketChannels, one Selector. By default the child JVM
 * uses the JDK's poll(2)-based selector so that it makes the same system calls as the Haiku suite's client;
 * {@code --selector epoll|default} chooses otherwise.
 */
public final class PollModel implements JvmModel {
    @Override public String name() { return "poll"; }

    @Override public String label() { return "`poll()`-based"; }

    @Override public String description() { return "one thread, non-blocking SocketChannels, one Selector (poll(2) by default)"; }

    @Override
    public List<String> jvmOptions(ClientPlan plan) {
        return selectorOptions(plan.selector() == null ? "poll" : plan.selector());
    }

    /** The system property that picks the JDK's selector implementation in the child. */
    public static List<String> selectorOptions(String selector) {
        return switch (selector) {
            case "poll" -> List.of("-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.PollSelectorProvider");
            case "epoll" -> List.of("-Djava.nio.channels.spi.SelectorProvider=sun.nio.ch.EPollSelectorProvider");
            case "default" -> List.of();
            default -> throw new IllegalArgumentException("unknown selector " + selector + " (poll, epoll or default)");
        };
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        long origin = workload.origin();
        try (SelectorLoop loop = new SelectorLoop(plan, workload)) {
            for (JobRecord job : jobs) loop.setUp(job);
            loop.run();
        } catch (IOException e) {
            for (JobRecord job : jobs) {
                if (job.endAt < 0) {
                    job.fail(e);
                    job.endAt = System.nanoTime() - origin;
                }
            }
        }
    }
}
