package netoverhead.child;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import netoverhead.job.JobRecord;
import netoverhead.model.ClientPlan;
import netoverhead.model.JvmModel;
import netoverhead.model.Model;
import netoverhead.model.registry.ModelRegistry;
import netoverhead.process.ParentPipe;
import netoverhead.process.TerminalInterrupt;
import netoverhead.workload.Workload;
import netoverhead.workload.WorkloadKind;

/**
 * The entry point of the child JVM that runs one iteration of one model. Kept small on purpose: it loads
 * the model and runs it once against a loopback server of its own ({@link WarmupRound}), lets the JIT
 * finish what that round queued ({@link CompilerQuiescence}), says READY, waits for GO so that the parent
 * can take the baseline memory sample, marks the measured window with START and END, and then sends every
 * job record back over its stdout. Its stdin is the pipe from the parent, watched from the start
 * ({@link ParentPipe}): a parent that dies, even by SIGKILL in the middle of the measured window, ends the child.
 */
public final class ChildMain {
    /** Bounds the wait for the compilers: a JVM that keeps compiling is measured as it is, not waited for. */
    private static final long COMPILER_WAIT_LIMIT_NANOS = 500_000_000L;

    private ChildMain() {}

    /**
     * Runs a workload of operations: the model runs on a thread of its own from the origin, through the warm-up,
     * while this thread says START when the measured window opens and END when it closes (at its duration, when
     * every job has ended, or, for idle, when the server says so), and lets the jobs drain only after the parent
     * has read the window's figures. Idle's connections are all established before its warm-up: the child collects
     * garbage then, so that the window's memory is the connections'.
     */
    private static void runWindowed(PrintStream out, ParentPipe parent, JvmModel model, ClientPlan plan,
                                    Workload workload, JobRecord[] jobs) throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread runner = Thread.ofPlatform().name("netoverhead-run").start(() -> {
            try {
                model.run(plan, workload, jobs);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (workload.awaitEstablished(runner)) System.gc();
        long start = workload.awaitWindowStart(runner);
        out.println(ChildProtocol.START);
        out.flush();
        long end = workload.awaitWindowEnd(runner);
        out.println(ChildProtocol.END + "\t" + Math.max(0, end - start));
        out.flush();
        parent.nextLine();
        runner.join();
        if (failure[0] != null) throw failure[0];
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        // Nothing else may write protocol lines: anything a library prints goes to stderr instead.
        System.setOut(System.err);
        TerminalInterrupt.ignore(); // the parent decides when a child stops
        // started before the baseline memory sample, so that the watching thread is in the baseline too
        ParentPipe parent = ParentPipe.watch(System.in);
        try {
            Model model = ModelRegistry.byName(args[0])
                    .orElseThrow(() -> new IllegalArgumentException("unknown model " + args[0]));
            if (!(model instanceof JvmModel jvmModel)) throw new IllegalArgumentException(args[0] + " is not a JVM model");
            ClientPlan plan = ClientPlan.fromArgs(Arrays.asList(args).subList(1, args.length));
            JobRecord[] jobs = new JobRecord[plan.connections()];
            for (int i = 0; i < jobs.length; i++) jobs[i] = new JobRecord(i);
            ClassPreload.common(plan);
            jvmModel.prepare(plan);
            if (plan.warmup()) {
                WarmupRound.run(jvmModel, plan);
                CompilerQuiescence.await(COMPILER_WAIT_LIMIT_NANOS);
            }

            out.println(ChildProtocol.READY);
            out.flush();
            String go = parent.nextLine();
            if (!ChildProtocol.GO.equals(go)) System.exit(ParentPipe.PARENT_GONE);

            long origin = System.nanoTime();
            Workload workload = plan.newWorkload(origin);
            if (plan.workload().kind().operations()) {
                runWindowed(out, parent, jvmModel, plan, workload, jobs);
            } else {
                out.println(ChildProtocol.START);
                out.flush();
                jvmModel.run(plan, workload, jobs);
                long window = System.nanoTime() - origin;
                out.println(ChildProtocol.END + "\t" + window);
                out.flush();
                // wait until the parent has read our final memory and CPU, so that the records' writing is not counted
                parent.nextLine();
            }
            for (JobRecord job : jobs) out.println(ChildProtocol.encode(job));
            if (plan.workload().kind().operations()) {
                out.println(ChildProtocol.latencies(workload.latencies()));
                if (plan.workload().kind() == WorkloadKind.CHURN) {
                    out.println(ChildProtocol.connectLatencies(workload.connectLatencies()));
                }
            }
            out.println(ChildProtocol.DONE);
            out.flush();
            System.exit(0);
        } catch (Throwable t) {
            out.println(ChildProtocol.FAIL + "\t" + ChildProtocol.clean(String.valueOf(t)));
            out.flush();
            t.printStackTrace();
            System.exit(2);
        }
    }
}
