package netoverhead.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import netoverhead.result.Environment;
import netoverhead.result.RunResult;
import netoverhead.result.RunSettings;
import netoverhead.result.WorkloadSettings;

/**
 * What a run measured and where, in the units people read: the summary at the top of the page (one
 * column per run), and the full configuration below the charts.
 */
final class RunDescription {
    private RunDescription() {}

    /** The summary table: server, payload, connections, iterations, models and machine, one column per run. */
    static String measured(List<RunResult> results) {
        List<Map<String, String>> columns = new ArrayList<>();
        for (RunResult r : results) columns.add(summary(r));
        List<String> keys = new ArrayList<>();
        for (Map<String, String> c : columns) for (String k : c.keySet()) if (!keys.contains(k)) keys.add(k);
        StringBuilder sb = new StringBuilder("<table class=\"kv\" id=\"measured\">\n");
        if (results.size() > 1) {
            sb.append("<thead><tr><th></th>");
            for (int i = 0; i < results.size(); i++) {
                sb.append("<th>run ").append(i + 1).append(": ")
                        .append(Html.escape(RowLabel.setup(results.get(i).environment()))).append("</th>");
            }
            sb.append("</tr></thead>\n");
        }
        sb.append("<tbody>\n");
        for (String key : keys) {
            sb.append("<tr><th>").append(Html.escape(key)).append("</th>");
            for (Map<String, String> c : columns) {
                sb.append("<td>").append(Html.escape(c.getOrDefault(key, ""))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table>\n").toString();
    }

    private static Map<String, String> summary(RunResult r) {
        RunSettings s = r.settings();
        Environment e = r.environment();
        Map<String, String> kv = new LinkedHashMap<>();
        String description = s.serverDescription() == null ? "" : s.serverDescription();
        kv.put("server", (description.startsWith(s.server()) ? description
                : s.server() + (description.isEmpty() ? "" : ": " + description)) + " at " + s.address() + ":"
                + s.port() + s.path());
        if (s.link() != null && !s.link().isBlank()) kv.put("link", s.link());
        WorkloadSettings w = s.workloadOrBulk();
        if (w.bulk()) {
            kv.put("payload", Units.bytes(s.payloadBytes()) + " per connection");
        } else {
            kv.put("workload", w.kind() + ": " + switch (w.kind()) {
                case "churn" -> "a connection per operation: socket, connect, request, response, close (the server "
                        + "closes first), again";
                case "idle" -> "connections held open, the server sending a heartbeat to one percent of them each "
                        + "second";
                default -> "requests on kept-alive connections, " + w.pipeline() + " in flight each, "
                        + (w.rate() == 0 ? "closed loop" : "open loop at " + w.rate()
                        + " requests/s over all connections");
            });
            if (!w.responseBytes().isEmpty()) {
                kv.put("response", String.join(", ", w.responseBytes().stream().map(Units::bytes).toList())
                        + " per request");
            }
            kv.put("window", (w.requests() > 0 ? RunDifferences.operationsPerJob(w)
                    : w.durationS() == null ? "n/a" : Numbers.significant(w.durationS(), 4) + " s")
                    + " measured, after " + Numbers.significant(w.warmupS(), 4) + " s of warm-up");
        }
        kv.put("connections", Units.list(s.connections()));
        kv.put("iterations", s.iterations() + " per model and connection count, each in a fresh process");
        kv.put("models", s.models().size() + ": " + String.join(", ", s.models()));
        kv.put("machine", e.os() + " " + e.kernel() + " (" + e.arch() + "), " + e.cpu() + ", " + e.cores()
                + " cores, " + Units.bytes(e.memoryBytes()) + " memory");
        kv.put("JDK", e.jdk() + " (" + e.jdkVendor() + ")");
        kv.put("host", e.hostname());
        kv.put("when", r.startedAt() + " to " + r.finishedAt() + (r.complete() ? "" : " (interrupted: incomplete)"));
        return kv;
    }

    /** Everything the run recorded of its environment and options. */
    static String details(RunResult r) {
        RunSettings s = r.settings();
        Environment e = r.environment();
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"setup", RowLabel.setup(e)});
        kv.add(new String[] {"OS", e.os() + " " + e.kernel() + " (" + e.arch() + ")"});
        kv.add(new String[] {"CPU", e.cpu() + " (" + e.cores() + " cores)"});
        kv.add(new String[] {"memory", Units.bytes(e.memoryBytes())});
        kv.add(new String[] {"JDK", e.jdk() + " (" + e.jdkVendor() + ")"});
        kv.add(new String[] {"child JVM flags", e.jvmFlags() == null ? "" : String.join(" ", e.jvmFlags())});
        kv.add(new String[] {"tool", r.tool() + " " + e.toolVersion()});
        kv.add(new String[] {"models", String.join(", ", s.models())});
        kv.add(new String[] {"connections", Units.list(s.connections())});
        kv.add(new String[] {"iterations", Integer.toString(s.iterations())});
        kv.add(new String[] {"payload", Units.bytes(s.payloadBytes())});
        kv.add(new String[] {"server", s.server() + ": " + s.serverDescription()});
        kv.add(new String[] {"target", s.address() + ":" + s.port() + s.path()});
        kv.add(new String[] {"read buffer", Units.bytes(s.bufferBytes())});
        kv.add(new String[] {"selector", s.selector() == null ? "model default" : s.selector()});
        kv.add(new String[] {"event loops", s.loops() == 0 ? "one per core" : Integer.toString(s.loops())});
        kv.add(new String[] {"memory sampling", s.sampleIntervalMs() == 0 ? "at the start and end of the window"
                : "every " + Units.millis(s.sampleIntervalMs())});
        kv.add(new String[] {"timeouts", "connect " + Units.millis(s.connectTimeoutMs()) + ", read "
                + Units.millis(s.readTimeoutMs())});
        kv.add(new String[] {"verify bodies", s.verify() ? "yes" : "no"});
        kv.add(new String[] {"JVM warm-up round", s.warmup() ? "yes" : "no"});
        kv.add(new String[] {"thread-per-job start", s.startPriorityOrNormal()});
        if (s.link() != null) kv.add(new String[] {"link", s.link()});
        if (s.clientCpus() != null) kv.add(new String[] {"client CPUs", s.clientCpus()});
        if (s.serverCpus() != null) kv.add(new String[] {"server CPUs", s.serverCpus()});
        if (s.profiler() != null) kv.add(new String[] {"profiler", s.profiler()});
        kv.add(new String[] {"started", r.startedAt()});
        kv.add(new String[] {"finished", r.finishedAt() + (r.complete() ? "" : " (interrupted)")});
        return Html.definitions(kv);
    }
}
