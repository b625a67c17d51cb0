package netoverhead.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import netoverhead.child.ChildProtocol;
import netoverhead.harness.ChildChannel.ChildFailure;
import netoverhead.model.ClientPlan;
import netoverhead.model.Model;
import netoverhead.process.ChildProcesses;
import netoverhead.process.ProcFs;
import netoverhead.process.ProcessMeter;
import netoverhead.process.TerminalInterrupt;
import netoverhead.result.ConnectionFigures;
import netoverhead.result.IterationFigures;
import netoverhead.result.IterationResult;
import netoverhead.result.JobResult;
import netoverhead.result.MemorySample;
import netoverhead.result.OperationFigures;
import netoverhead.server.ServerHandle;
import netoverhead.workload.WorkloadKind;

/**
 * Runs one iteration of one model in a fresh child process and watches it from outside: baseline memory
 * before the first socket, RSS every sample interval and CPU over the measured window, the job records
 * afterwards. A child that fails to start, dies or stops making progress is a failed iteration with its
 * reason, never a hung run.
 */
public final class IterationRunner {
    /**
     * What to do with a child that is loaded and waiting (after its READY, before GO), when nothing is
     * measured yet: attach a tool to it, for instance. An exception fails the iteration with its message.
     */
    @FunctionalInterface
    public interface BeforeGo {
        BeforeGo NOTHING = pid -> { };

        void childReady(long pid) throws IOException, InterruptedException;
    }

    /**
     * How a child is started and watched, and what is done with it before it is told to start. The launch
     * prefix goes ahead of the child's command ({@code taskset -c 1}, say); it must exec the child, so that
     * the process the harness samples is the child itself. A sample interval of zero samples memory only at
     * the start and end of the measured window; an iteration timeout of zero sets no bound beyond the stall.
     */
    public record Options(Duration sampleInterval, List<String> extraJvmOptions, Duration startTimeout,
                          Duration stallTimeout, Duration iterationTimeout, BeforeGo beforeGo,
                          List<String> launchPrefix) {
        public Options {
            extraJvmOptions = List.copyOf(extraJvmOptions);
            if (beforeGo == null) beforeGo = BeforeGo.NOTHING;
            launchPrefix = launchPrefix == null ? List.of() : List.copyOf(launchPrefix);
        }

        public Options(Duration sampleInterval, List<String> extraJvmOptions, Duration startTimeout,
                       Duration stallTimeout, Duration iterationTimeout) {
            this(sampleInterval, extraJvmOptions, startTimeout, stallTimeout, iterationTimeout, BeforeGo.NOTHING,
                    List.of());
        }

        /** These options for one child that is also given these JVM options and is met by this hook before GO. */
        public Options withChildSetup(List<String> moreJvmOptions, BeforeGo hook) {
            List<String> jvm = new ArrayList<>(extraJvmOptions);
            jvm.addAll(moreJvmOptions);
            return new Options(sampleInterval, jvm, startTimeout, stallTimeout, iterationTimeout, hook, launchPrefix);
        }
    }

    private final Options options;

    public IterationRunner(Options options) {
        this.options = options;
    }

    public IterationResult run(Model model, ClientPlan plan, int iteration, long payloadBytes, ServerHandle server,
                               LongConsumer progress) throws InterruptedException {
        int n = plan.connections();
        InputStream stderr = null;
        Process child = null;
        List<JobResult> jobs = new ArrayList<>(n);
        Aggregator.ProcessFigures process = Aggregator.ProcessFigures.NONE;
        MemorySampler.Summary memory = new MemorySampler.Summary(null, null, List.of());
        Double serverCpuS = null;
        Aggregator.Window window = null;
        ConnectionFigures connection = null;
        ProcessMeter meter = null;
        String cpuSource = null;
        String syscallsUnavailable = null;
        String failure = null;
        try {
            List<String> command = new ArrayList<>(options.launchPrefix());
            command.addAll(ChildCommand.forModel(model, plan, options.extraJvmOptions()));
            // The child's stderr goes to a file that loses its name once both sides hold it open: read on a
            // failure, and gone with the last of them however the tool ends, SIGKILL included.
            Path stderrLog = Files.createTempFile("netoverhead-child-", ".log");
            try {
                child = ChildProcesses.track(new ProcessBuilder(TerminalInterrupt.shielded(command))
                        .redirectError(stderrLog.toFile())
                        .start());
                stderr = Files.newInputStream(stderrLog);
            } finally {
                Files.deleteIfExists(stderrLog);
            }
            ChildChannel channel = new ChildChannel(child);
            // system calls are a figure of the workloads of operations; bulk does not pay for perf's start
            try {
                meter = ProcessMeter.attach(child.pid(), plan.workload().kind().operations());
            } catch (IOException e) {
                // the child is already gone: the protocol below says how, with its output
                meter = null;
            }
            try (ProcFs proc = new ProcFs(child.pid())) {
                MemorySampler sampler = new MemorySampler(proc, options.sampleInterval().toNanos());
                ConnectionReadings readings = new ConnectionReadings(plan.workload().kind(), proc, child.pid());
                try {
                    channel.expect(ChildProtocol.READY, options.startTimeout().toNanos(), "start");
                    OptionalLong baseline = proc.rssBytes();
                    readings.beforeFirstSocket();
                    beforeGo(child);
                    channel.send(ChildProtocol.GO);
                    channel.expect(ChildProtocol.START, startTimeoutNanos(plan), "start measuring");
                    readings.windowStarted();
                    long from = System.nanoTime();
                    if (meter != null) meter.openWindow();
                    long[] cpu0 = proc.cpuNanos();
                    OptionalLong server0 = server.cpuNanos();
                    sampler.sampleNow();
                    if (options.sampleInterval().isPositive()) sampler.start();
                    long windowNs = awaitEnd(channel, proc, progress, plan.workload().kind() != WorkloadKind.IDLE);
                    sampler.sampleNow();
                    readings.windowEnded();
                    long to = System.nanoTime();
                    long[] cpu1 = proc.cpuNanos();
                    ProcessMeter.Window measured = meter == null ? ProcessMeter.Window.NONE : meter.closeWindow();
                    OptionalLong server1 = server.cpuNanos();
                    sampler.stop();
                    memory = sampler.summary(from, to);
                    boolean fine = measured.cpuUserNs() != null && measured.cpuSysNs() != null;
                    cpuSource = fine ? measured.cpuSource() : "clock ticks";
                    syscallsUnavailable = plan.workload().kind().operations() ? measured.syscallsUnavailable() : null;
                    process = new Aggregator.ProcessFigures(memory.averageBytes(), memory.peakBytes(),
                            baseline.isPresent() ? (double) baseline.getAsLong() : null,
                            fine ? measured.cpuUserNs() / 1e9
                                    : cpu0 != null && cpu1 != null ? (cpu1[0] - cpu0[0]) / 1e9 : null,
                            fine ? measured.cpuSysNs() / 1e9
                                    : cpu0 != null && cpu1 != null ? (cpu1[1] - cpu0[1]) / 1e9 : null,
                            measured.contextSwitches(), measured.syscalls());
                    if (server0.isPresent() && server1.isPresent()) {
                        serverCpuS = (server1.getAsLong() - server0.getAsLong()) / 1e9;
                    }
                    channel.send(ChildProtocol.REPORT);
                    ChildChannel.LatencyLines latencyLines = channel.collectRecords(jobs);
                    if (!plan.workload().kind().operations()) ExpectedLength.apply(jobs, payloadBytes);
                    if (plan.workload().kind().operations()) {
                        window = new Aggregator.Window(windowNs, latencyLines.latencies(), plan.workload().rate(),
                                latencyLines.connectLatencies());
                        connection = readings.figures(jobs, window);
                    }
                } finally {
                    sampler.stop();
                }
            }
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                failure = "the child did not exit after reporting; killed";
            }
        } catch (ChildFailure e) {
            failure = e.getMessage() + stderrTail(stderr);
        } catch (IOException e) {
            failure = "cannot run the child: " + e.getMessage();
        } catch (RuntimeException e) {
            // a fault in watching one iteration fails that iteration, not the run and what it has measured
            failure = "the iteration could not be watched: " + e;
        } finally {
            if (child != null) ChildProcesses.end(child, 2000);
            if (meter != null) meter.close();
            if (stderr != null) {
                try {
                    stderr.close();
                } catch (IOException ignored) {
                    // a file without a name: nothing is left behind either way
                }
            }
        }
        IterationFigures figures = Aggregator.figures(jobs, payloadBytes, n, process);
        String histogram = null;
        if (window != null) {
            OperationFigures ops = Aggregator.operations(jobs, window, process);
            if (connection != null) ops = ops.withConnection(connection);
            long answered = ops.opsWarmup() + ops.operations() + ops.opsAfter();
            figures = figures.withOperations(ops, answered * payloadBytes);
            histogram = window.encodedHistogram();
        }
        List<MemorySample> curve = memory.curve();
        return new IterationResult(iteration, figures, failure, Aggregator.errorsByKind(jobs, n), serverCpuS,
                List.copyOf(jobs), curve, histogram, cpuSource, syscallsUnavailable);
    }

    private void beforeGo(Process child) throws InterruptedException, ChildFailure {
        try {
            options.beforeGo().childReady(child.pid());
        } catch (IOException e) {
            throw new ChildFailure("before the run: " + e.getMessage());
        }
    }

    /**
     * How long the child may take from GO to START: its start-up allowance, plus the warm-up of a workload of
     * operations, plus, for idle, the time to establish every connection (bounded by the connect timeout, once per
     * connection at worst across the threads that make them: a minute is plenty at 100,000 connections).
     */
    private long startTimeoutNanos(ClientPlan plan) {
        long idle = plan.workload().kind() == WorkloadKind.IDLE ? TimeUnit.SECONDS.toNanos(60) : 0;
        return options.startTimeout().toNanos() + plan.workload().warmupNs() + idle;
    }

    /**
     * Waits for END and returns the window's length the child gave with it (0 if none).
     *
     * @param watchStalls whether a child that neither reads nor spends CPU for the stall timeout is stopped; not for
     *                    idle, whose clients are meant to do almost nothing while the server keeps the window
     */
    private long awaitEnd(ChildChannel channel, ProcFs proc, LongConsumer progress, boolean watchStalls)
            throws InterruptedException, ChildFailure {
        long stall = options.stallTimeout().toNanos();
        long limit = options.iterationTimeout().toNanos();
        long start = System.nanoTime();
        long read0 = proc.bytesRead().orElse(0);
        long lastRead = read0;
        long lastChange = start;
        // Reads through recv(2) (native clients, FFM models) never show in rchar, so CPU time spent counts
        // as progress too; a child that is stuck spends none.
        long lastCpu = cpuSum(proc);
        while (true) {
            String line = channel.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                if (line.startsWith(ChildProtocol.END)) return windowNanos(line);
                throw new ChildFailure("the child said '" + line + "' during the run");
            }
            long now = System.nanoTime();
            OptionalLong read = proc.bytesRead();
            if (read.isPresent()) {
                if (read.getAsLong() != lastRead) {
                    lastRead = read.getAsLong();
                    lastChange = now;
                }
                progress.accept(lastRead - read0);
            }
            long cpu = cpuSum(proc);
            if (cpu != lastCpu) {
                lastCpu = cpu;
                lastChange = now;
            }
            if (watchStalls && now - lastChange > stall) {
                throw new ChildFailure("no progress for " + ChildChannel.seconds(stall) + "; child killed");
            }
            if (limit > 0 && now - start > limit) {
                throw new ChildFailure("iteration took longer than " + ChildChannel.seconds(limit) + "; child killed");
            }
        }
    }

    private static long windowNanos(String endLine) {
        String[] f = endLine.split("\t");
        try {
            return f.length > 1 ? Long.parseLong(f[1].strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long cpuSum(ProcFs proc) {
        long[] cpu = proc.cpuNanos();
        return cpu == null ? -1 : cpu[0] + cpu[1];
    }

    private static String stderrTail(InputStream log) {
        if (log == null) return "";
        try {
            List<String> all = new String(log.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            List<String> useful = all.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (useful.isEmpty()) return "";
            // the first line of a JVM's error output is usually the one that says why
            String first = useful.stream().filter(s -> !s.startsWith("at ")).findFirst().orElse(useful.getFirst());
            return ": " + (first.length() > 300 ? first.substring(0, 300) + "..." : first);
        } catch (IOException e) {
            return "";
        }
    }
}
