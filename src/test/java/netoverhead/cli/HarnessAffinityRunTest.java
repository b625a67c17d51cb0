package netoverhead.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netoverhead.child.ChildMain;
import netoverhead.os.CpuList;
import netoverhead.testing.Cli;
import netoverhead.testing.TestServers;
import netoverhead.testing.WatchedRun;

/**
 * A run with --client-cpus, watched from outside while it runs: the harness's own threads leave the clients'
 * CPUs, the clients have them, and the server it started before keeps every CPU it was not told to leave;
 * with every CPU given to the clients, the run says that the harness shares them.
 */
class HarnessAffinityRunTest {
    @TempDir
    Path dir;

    /** What one look at the run's processes found. */
    private record Look(boolean clientRunning, boolean harnessOffClientCpus, List<CpuList> clients,
                        List<CpuList> servers) {}

    @Test
    void theHarnessLeavesTheClientsCpusWhileTheyRunAndTheServerKeepsItsOwn() throws Exception {
        CpuList allowed = CpuList.allowed();
        assumeTrue(allowed.cpus().size() >= 2, "needs two CPUs this process may use");
        String last = Integer.toString(allowed.cpus().last());
        CpuList client = CpuList.parse(last);
        CpuList rest = allowed.minus(client).orElseThrow();
        List<Look> looks = new ArrayList<>();
        WatchedRun.run(dir, 180, run -> looks.add(look(run, rest)), "run", "127.0.0.1",
                Integer.toString(TestServers.freePort()), "--models", "threaded,poll", "--connections", "4",
                "--payload", "64MiB", "--iterations", "3", "--client-cpus", last, "--out", dir.toString(),
                "--no-progress");
        List<Look> whileClientsRan = looks.stream().filter(Look::clientRunning).toList();
        assertThat(whileClientsRan).as("looks while a client ran").isNotEmpty();
        assertThat(whileClientsRan).allMatch(Look::harnessOffClientCpus, "the harness is off CPU " + last);
        assertThat(whileClientsRan.stream().flatMap(l -> l.clients().stream())).containsOnly(client);
        assertThat(looks.stream().flatMap(l -> l.servers().stream())).isNotEmpty().containsOnly(allowed);
    }

    @Test
    void clientsGivenEveryCpuLeaveTheHarnessNowhereToGoAndTheRunSaysSo() throws Exception {
        CpuList allowed = CpuList.allowed();
        Cli.Result r = Cli.run(120, "run", "127.0.0.1", Integer.toString(TestServers.freePort()), "--models", "poll",
                "--connections", "2", "--payload", "1MiB", "--iterations", "1", "--client-cpus", allowed.toString(),
                "--out", dir.toString(), "--no-progress");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr().lines()).contains("netoverhead: CPUs " + allowed
                + " are all this process may use, so the harness shares them with the clients");
    }

    private static Look look(ProcessHandle harness, CpuList rest) throws IOException {
        // the harness first: it moves before the first client starts and back only after the last has exited,
        // so a client still seen after this check means the check fell inside that span
        boolean off = everyThreadOn(harness.pid(), rest);
        List<CpuList> clients = new ArrayList<>();
        List<CpuList> servers = new ArrayList<>();
        for (ProcessHandle child : harness.descendants().toList()) {
            String line = child.info().commandLine().orElse("");
            // taskset, before it execs the client, runs where the harness does: only the JVMs count
            if (!child.info().command().orElse("").endsWith("/java")) continue;
            CpuList cpus = allowedOf(Path.of("/proc", Long.toString(child.pid()), "status"));
            if (cpus == null) continue;
            if (line.contains(ChildMain.class.getName())) clients.add(cpus);
            else if (line.contains(" serve ")) servers.add(cpus);
        }
        return new Look(!clients.isEmpty(), off, clients, servers);
    }

    private static boolean everyThreadOn(long pid, CpuList cpus) throws IOException {
        List<Path> tasks;
        try (Stream<Path> listed = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks = listed.toList();
        } catch (NoSuchFileException ended) {
            return true;
        }
        for (Path task : tasks) {
            CpuList current = allowedOf(task.resolve("status"));
            if (current != null && !current.equals(cpus)) return false;
        }
        return true;
    }

    /**
     * A process's or thread's CPUs, or null when it has ended meanwhile: before the file is opened (no such file)
     * or while it is read (the kernel answers ESRCH, "No such process").
     */
    private static CpuList allowedOf(Path status) throws IOException {
        try {
            return CpuList.allowedOf(status);
        } catch (FileNotFoundException | NoSuchFileException ended) {
            return null;
        } catch (IOException e) {
            if (!Files.exists(status)) return null;
            throw e;
        }
    }
}
