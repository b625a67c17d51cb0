package netoverhead.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import netoverhead.job.JobRecord;
import netoverhead.workload.Workload;

/**
 * Several selector event loops, one thread each (one per core unless {@code --loops N}), jobs spread round
 * robin, each loop with its own shared read buffer. Every job is set up from the one setting-up thread
 * before any loop runs: registering with a selector while its thread is inside select() would block the
 * setting-up thread, and the job setup time would then measure that wait instead of the setup.
 */
public final class PollLoopsModel implements JvmModel {
    @Override public String name() { return "poll-loops"; }

    @Override public String label() { return "Poll loops"; }

    @Override public String description() {
        return "one Selector loop per core (--loops N), connections spread round robin (poll(2) by default)";
    }

    @Override
    public List<String> jvmOptions(ClientPlan plan) {
        return PollModel.selectorOptions(plan.selector() == null ? "poll" : plan.selector());
    }

    @Override
    public void run(ClientPlan plan, Workload workload, JobRecord[] jobs) throws InterruptedException {
        long origin = workload.origin();
        int count = Math.max(1, Math.min(plan.loopsOrCores(), jobs.length));
        List<SelectorLoop> loops = new ArrayList<>(count);
        List<List<JobRecord>> assigned = new ArrayList<>(count);
        try {
            // the selectors are opened before the first socket, as the poll model opens its one selector
            for (int i = 0; i < count; i++) {
                loops.add(new SelectorLoop(plan, workload));
                assigned.add(new ArrayList<>());
            }
        } catch (IOException e) {
            loops.forEach(PollLoopsModel::closeQuietly);
            failUnfinished(List.of(jobs), e, origin);
            return;
        }
        for (int i = 0; i < jobs.length; i++) {
            loops.get(i % count).setUp(jobs[i]);
            assigned.get(i % count).add(jobs[i]);
        }
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            SelectorLoop loop = loops.get(i);
            List<JobRecord> mine = assigned.get(i);
            threads[i] = Thread.ofPlatform().name("poll-loop-" + i).start(() -> {
                try (loop) {
                    loop.run();
                } catch (IOException e) {
                    failUnfinished(mine, e, origin);
                }
            });
        }
        for (Thread t : threads) t.join();
    }

    private static void failUnfinished(List<JobRecord> jobs, IOException e, long origin) {
        for (JobRecord job : jobs) {
            if (job.endAt < 0) {
                job.fail(e);
                job.endAt = System.nanoTime() - origin;
            }
        }
    }

    private static void closeQuietly(SelectorLoop loop) {
        try {
            loop.close();
        } catch (IOException ignored) {
            // never used
        }
    }
}
