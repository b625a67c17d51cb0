package netoverhead.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import netoverhead.config.Size;
import netoverhead.result.RunResult;
import netoverhead.result.OperationUnit;
import netoverhead.result.RunSettings;
import netoverhead.result.WorkloadSettings;

/**
 * What tells runs apart when several are shown together, computed once and used by every format: the
 * machine's setup (OS, architecture, kernel, JDK) when it differs, and each run's label, or else the
 * settings in which the runs differ (server, host, payload, connections, ...), or as a last resort when
 * each run started. What all runs share is said once, above the rows.
 */
public final class RunDifferences {
    private static final Pattern PID = Pattern.compile("\\s*\\(?pid \\d+\\)?");
    private static final Pattern FRACTION = Pattern.compile("\\.\\d+Z$");
    /** The value of the link and profiler fields of a run that had none. */
    private static final String NONE = "none";

    /** A setting that may differ between runs, with how a row or a header line spells it. */
    private record Field(String name, Function<RunResult, String> value, boolean inHeader,
                         Function<String, String> phrase) {
        Field(String name, Function<RunResult, String> value, boolean inHeader) {
            this(name, value, inHeader, v -> name + " " + v);
        }
    }

    private static final List<Field> FIELDS = List.of(
            new Field("host", r -> r.environment().hostname(), true, v -> "on " + v),
            new Field("server", RunDifferences::server, true),
            // rr asks for responses of its own size; its payload setting names nothing that was sent
            new Field("payload", r -> bulk(r) ? Size.format(r.settings().payloadBytes()) : "", true,
                    v -> v.isEmpty() ? "" : "payload " + v),
            new Field("connections", r -> join(r.settings().connections()), true, v -> plural(v, "connection")),
            new Field("iterations", r -> Integer.toString(r.settings().iterations()), true, v -> plural(v, "iteration")),
            // the workload and what each connection did (pipeline and rate are rr's); bulk, the default, goes unsaid
            new Field("workload", r -> r.settings().workloadOrBulk().kind(), true,
                    v -> v.equals("bulk") ? "" : "workload " + v),
            new Field("response", r -> bulk(r) ? "" : String.join(",", r.settings().workloadOrBulk().responseBytes()
                    .stream().map(Size::format).toList()), true, v -> v.isEmpty() ? "" : "response " + v),
            new Field("pipeline", r -> !rr(r) ? "" : Integer.toString(r.settings().workloadOrBulk().pipeline()), true,
                    v -> v.isEmpty() ? "" : "pipeline " + v),
            new Field("rate", r -> !rr(r) ? "" : r.settings().workloadOrBulk().rate() == 0 ? "closed loop"
                    : "rate " + r.settings().workloadOrBulk().rate() + "/s", true, v -> v),
            new Field("window", RunDifferences::window, true, v -> v),
            new Field("rr warm-up", r -> bulk(r) ? "" : Numbers.significant(r.settings().workloadOrBulk().warmupS(), 4)
                    + " s", true, v -> v.isEmpty() ? "" : "warm-up " + v),
            // a run without a link or a profiler says so in words, beside one that had them
            new Field("link", r -> orElse(r.settings().link(), NONE), true,
                    v -> v.equals(NONE) ? "no emulated link" : "over " + v),
            new Field("profiler", r -> orElse(r.settings().profiler(), NONE), true,
                    v -> v.equals(NONE) ? "no profiler" : "under " + v),
            new Field("buffer", r -> Size.format(r.settings().bufferBytes()), false),
            new Field("selector", r -> orElse(r.settings().selector(), "default"), false),
            new Field("loops", r -> r.settings().loops() == 0 ? "one per core" : Integer.toString(r.settings().loops()), false),
            new Field("client CPUs", r -> orElse(r.settings().clientCpus(), "any"), false),
            new Field("server CPUs", r -> orElse(r.settings().serverCpus(), "any"), false),
            new Field("warm-up", r -> r.settings().warmup() ? "on" : "off", false),
            new Field("start priority", r -> r.settings().startPriorityOrNormal(), false),
            new Field("verify", r -> r.settings().verify() ? "on" : "off", false),
            new Field("CPU", r -> r.environment().cpu(), false),
            new Field("JDK vendor", r -> r.environment().jdkVendor(), false),
            new Field("JVM flags", r -> String.join(" ", orEmpty(r.environment().jvmFlags())), false),
            new Field("tool", r -> r.environment().toolVersion(), false));

    private final List<RunResult> results;
    private final boolean setupsDiffer;
    private final List<Field> differing = new ArrayList<>();
    private final List<Field> shared = new ArrayList<>();
    private final Map<RunResult, String> tags = new IdentityHashMap<>();

    private RunDifferences(List<RunResult> results) {
        this.results = List.copyOf(results);
        this.setupsDiffer = results.stream().map(r -> RowLabel.setup(r.environment())).distinct().count() > 1;
        for (Field f : FIELDS) {
            boolean same = results.stream().map(f.value()).map(v -> Objects.toString(v, "")).distinct().count() <= 1;
            (same ? shared : differing).add(f);
        }
        for (RunResult r : results) tags.put(r, firstTag(r));
        makeDistinct();
    }

    public static RunDifferences of(List<RunResult> results) {
        return new RunDifferences(results);
    }

    public boolean several() {
        return results.size() > 1;
    }

    /** The run's setup, when the runs shown together were made on different setups; else empty. */
    public String setup(RunResult r) {
        return setupsDiffer ? RowLabel.setup(r.environment()) : "";
    }

    /**
     * What names the run among the others, beside its setup: its label, or else the settings that differ, or
     * when it started; empty for a run shown alone (its label is then said above the rows).
     */
    public String tag(RunResult r) {
        String tag = tags.get(r);
        return tag == null ? "" : tag;
    }

    /** Setup and tag in one phrase, for the formats that have one cell for it (CSV, JSON). */
    public String fullTag(RunResult r) {
        String setup = setup(r);
        String tag = tag(r);
        return setup.isEmpty() ? tag : tag.isEmpty() ? setup : setup + ", " + tag;
    }

    /**
     * The CSV's label column: the run's label when it is shown alone (empty without one), and what tells it
     * apart ({@link #fullTag}) when several are merged.
     */
    public String label(RunResult r) {
        if (several()) return fullTag(r);
        String label = r.settings().label();
        return label == null ? "" : label.strip();
    }

    /** Every setting in which this run differs from the others, label aside: {@code server nginx, payload 1MiB}. */
    public String differingSettings(RunResult r) {
        List<String> parts = new ArrayList<>();
        if (setupsDiffer) parts.add(RowLabel.setup(r.environment()));
        for (Field f : differing) parts.add(f.phrase().apply(Objects.toString(f.value().apply(r), "")));
        parts.removeIf(String::isEmpty);
        if (parts.isEmpty() && several()) parts.add("started " + started(r));
        return String.join(", ", parts);
    }

    /** What every run shares, said once above the rows: {@code Linux (x86_64, 6.1.0, JDK 25.0.3) on host; ...}. */
    public String shared() {
        if (results.isEmpty()) return "";
        RunResult first = results.getFirst();
        List<String> parts = new ArrayList<>();
        String head = setupsDiffer ? "" : RowLabel.setup(first.environment());
        for (Field f : shared) {
            if (!f.inHeader()) continue;
            String v = Objects.toString(f.value().apply(first), "");
            if ((f.name().equals("link") || f.name().equals("profiler")) && v.equals(NONE)) continue;
            String phrase = f.phrase().apply(v);
            if (phrase.isEmpty()) continue;
            if (f.name().equals("host") && !head.isEmpty()) head = head + " " + phrase;
            else parts.add(phrase);
        }
        String label = first.settings().label();
        if (!several() && label != null && !label.isBlank()) parts.addFirst("run \"" + label + "\"");
        if (!head.isEmpty()) parts.addFirst(head);
        return String.join("; ", parts);
    }

    private String firstTag(RunResult r) {
        if (!several()) return "";
        String label = r.settings().label();
        if (label != null && !label.isBlank()) return label.strip();
        List<String> parts = new ArrayList<>();
        for (Field f : differing) parts.add(f.phrase().apply(Objects.toString(f.value().apply(r), "")));
        parts.removeIf(String::isEmpty);
        return String.join(", ", parts);
    }

    /**
     * Runs that would still share a name and a row (the same model and connection count) get their start
     * time, and if that is shared too, their place. Runs of different models (profile writes one per model)
     * need nothing more.
     */
    private void makeDistinct() {
        Map<String, List<RunResult>> byName = new LinkedHashMap<>();
        for (RunResult r : results) byName.computeIfAbsent(fullTag(r), k -> new ArrayList<>()).add(r);
        for (List<RunResult> same : byName.values()) {
            if (!shareARow(same)) continue;
            boolean timesDiffer = same.stream().map(RunDifferences::started).distinct().count() == same.size();
            for (RunResult r : same) {
                String extra = timesDiffer ? "started " + started(r) : "run " + (place(r) + 1);
                String tag = tags.get(r);
                tags.put(r, tag.isEmpty() || tag.equals(extra) ? extra : tag + ", " + extra);
            }
        }
    }

    private static boolean shareARow(List<RunResult> runs) {
        Set<String> rows = new HashSet<>();
        for (RunResult r : runs) {
            for (String row : r.runs().stream().map(m -> m.model() + "/" + m.connections() + "/" + m.responseBytes())
                    .distinct().toList()) {
                if (!rows.add(row)) return true;
            }
        }
        return false;
    }

    private int place(RunResult r) {
        for (int i = 0; i < results.size(); i++) if (results.get(i) == r) return i;
        return -1;
    }

    /** When the run started, to the second: {@code 2026-12-06T03:13:39Z}. */
    private static String started(RunResult r) {
        return r.startedAt() == null ? "at an unknown time" : FRACTION.matcher(r.startedAt()).replaceFirst("Z");
    }

    private static boolean bulk(RunResult r) {
        return r.settings().workloadOrBulk().bulk();
    }

    private static boolean rr(RunResult r) {
        return r.settings().workloadOrBulk().kind().equals("rr");
    }

    /**
     * The measured window of a workload of operations: {@code window 10 s}, {@code window of 1000 requests per
     * connection}, {@code window of 100 connections per worker} (churn: each worker's successive connections).
     */
    private static String window(RunResult r) {
        if (bulk(r)) return "";
        WorkloadSettings w = r.settings().workloadOrBulk();
        if (w.requests() > 0) return "window of " + operationsPerJob(w);
        return w.durationS() == null ? "" : "window " + Numbers.significant(w.durationS(), 4) + " s";
    }

    /**
     * A window of a count of operations: {@code 1000 requests per connection}, churn's {@code 100 connections per
     * worker} (each worker's successive connections).
     */
    static String operationsPerJob(WorkloadSettings w) {
        OperationUnit operation = OperationUnit.of(w);
        return w.requests() + " " + operation.operations() + " per "
                + (operation == OperationUnit.CONNECTION ? "worker" : "connection");
    }

    private static String server(RunResult r) {
        RunSettings s = r.settings();
        String kind = orElse(s.server(), "unknown");
        String description = s.serverDescription() == null ? "" : PID.matcher(s.serverDescription()).replaceAll("").strip();
        if (description.isEmpty() || description.equals(kind)) return kind;
        return description.startsWith(kind) ? description : kind + " (" + description + ")";
    }

    private static String plural(String count, String noun) {
        return count + " " + noun + (count.equals("1") ? "" : "s");
    }

    private static String join(List<Integer> values) {
        return values == null ? "" : String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static String orElse(String v, String otherwise) {
        return v == null || v.isBlank() ? otherwise : v;
    }

    private static List<String> orEmpty(List<String> v) {
        return v == null ? List.of() : v;
    }
}
