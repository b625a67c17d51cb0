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

            out.println(ChildProtocol.START);
            out.flush();
            long origin = System.nanoTime();
            jvmModel.run(plan, jobs, origin);
            long window = System.nanoTime() - origin;
            out.println(ChildProtocol.END + "\t" + window);
            out.flush();
            // wait until the parent has read our final memory and CPU, so that the records' writing is not counted
            parent.nextLine();
            for (JobRecord job : jobs) out.println(ChildProtocol.encode(job));
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
