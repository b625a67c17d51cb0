import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import netoverhead.result.IterationResult;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;

/** Every model at 10,000 connections of 1 MiB: no errors, and memory per connection against its target. */
final class ScaleSection {
    private ScaleSection() {}

    static void run(int connections) throws Exception {
        // 10,000 loopback downloads queue more than the kernel's default TCP memory allows (the run warns);
        // as root, give it room for the duration of this section and put the old value back afterwards
        Path tcpMem = Path.of("/proc/sys/net/ipv4/tcp_mem");
        String saved = null;
        if ("root".equals(System.getProperty("user.name")) && Files.isWritable(tcpMem)) {
            saved = netoverhead.os.ProcFiles.read(tcpMem).trim();
            String[] f = saved.split("\\s+");
            Files.writeString(tcpMem, f[0] + " " + f[1] + " " + Long.parseLong(f[2]) * 4);
            Bench.say("scale: net.ipv4.tcp_mem raised from '" + saved.replaceAll("\\s+", " ") + "' for this section");
        }
        try {
            scaleModels(connections);
        } finally {
            if (saved != null) Files.writeString(tcpMem, saved.replaceAll("\\s+", " "));
        }
    }

    static void scaleModels(int connections) throws Exception {
        for (String model : ToolRuns.available()) {
            RunResult result;
            try {
                result = ToolRuns.run(model, Integer.toString(connections), "1MiB", "embedded", 1,
                        List.of("--buffer", "16KiB"));
            } catch (IOException e) {
                Bench.say(String.format("scale %d x 1 MiB: %-16s FAILED: %s", connections, model, e.getMessage()));
                continue;
            }
            ModelRun run = result.runs().getFirst();
            IterationResult it = run.iterations().getFirst();
            String perConn = run.summary().containsKey("memory_per_connection_kib")
                    ? String.format("%.2f KiB/connection", run.summary().get("memory_per_connection_kib").mean()) : "n/a";
            Bench.say(String.format("scale %d x 1 MiB: %-16s errors %d%s, %s", connections, model, it.figures().errors(),
                    it.ok() ? "" : " (" + it.failure() + ")", perConn));
            if (model.equals("poll")) {
                Bench.target("scale: poll memory per connection", run.summary().get("memory_per_connection_kib").mean(), "KiB", 4, false);
            }
            if (model.equals("virtual")) {
                Bench.target("scale: virtual memory per connection (16 KiB buffer + 8 KiB)",
                        run.summary().get("memory_per_connection_kib").mean(), "KiB", 16 + 8, false);
            }
        }
    }
}
