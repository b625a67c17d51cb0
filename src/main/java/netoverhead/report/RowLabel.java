package netoverhead.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import netoverhead.result.Environment;
import netoverhead.result.ModelRun;
import netoverhead.result.RunSettings;

/**
 * The one place that names a table row: the model, its connection count in a sweep, and what tells its run
 * apart from the others shown with it ({@link RunDifferences}):
 * {@code Haiku (x86_64, 1.0.0, JDK 21.0.2) Threaded, 10 connections (server nginx)}.
 */
public final class RowLabel {
    private static final Pattern KERNEL = Pattern.compile("^\\d+(\\.\\d+)*");

    private RowLabel() {}

    /** The Haiku suite's spelling of a setup: {@code Linux (x86_64, 6.1.0, JDK 25.0.3)}. */
    public static String setup(Environment env) {
        Matcher m = KERNEL.matcher(env.kernel());
        String kernel = m.find() ? m.group() : env.kernel();
        return env.os() + " (" + env.arch() + ", " + kernel + ", JDK " + env.jdk() + ")";
    }

    /** A run shown alone, named the Haiku suite's way with its setup, link and profiler. */
    public static String of(Environment env, RunSettings settings, ModelRun run, boolean withConnections) {
        StringBuilder sb = new StringBuilder(setup(env)).append(' ').append(run.label());
        if (settings.link() != null && !settings.link().isBlank()) sb.append(" over ").append(settings.link());
        if (settings.profiler() != null) sb.append(" [under ").append(settings.profiler()).append(']');
        if (withConnections) sb.append(", ").append(run.connections()).append(" connections");
        return sb.toString();
    }

    /**
     * A row among others: the setup when setups differ (else empty), the model, the connection count in a
     * sweep, and the run's tag (its label or what differs) in parentheses when there is one.
     */
    public static String name(String setup, ModelRun run, boolean withConnections, String tag) {
        return name(setup, run, withConnections, false, tag);
    }

    /** The same, with the response size of a step of a sweep over response sizes when {@code withResponse}. */
    public static String name(String setup, ModelRun run, boolean withConnections, boolean withResponse, String tag) {
        return name(setup, run.label(), run, withConnections, withResponse, tag);
    }

    /** The same name as plain text, for JSON: the model's label without its Markdown backticks. */
    public static String plainName(String setup, ModelRun run, boolean withConnections, String tag) {
        return plainName(setup, run, withConnections, false, tag);
    }

    public static String plainName(String setup, ModelRun run, boolean withConnections, boolean withResponse,
                                   String tag) {
        return name(setup, run.label().replace("`", ""), run, withConnections, withResponse, tag);
    }

    /** A step of a sweep over response sizes: {@code 4 KiB responses}. */
    public static String response(ModelRun run) {
        return run.responseBytes() == null ? "" : Units.bytes(run.responseBytes()) + " responses";
    }

    private static String name(String setup, String modelLabel, ModelRun run, boolean withConnections,
                               boolean withResponse, String tag) {
        StringBuilder sb = new StringBuilder();
        if (setup != null && !setup.isEmpty()) sb.append(setup).append(' ');
        sb.append(modelLabel);
        if (withConnections) sb.append(", ").append(run.connections()).append(" connections");
        if (withResponse && run.responseBytes() != null) sb.append(", ").append(response(run));
        if (tag != null && !tag.isEmpty()) sb.append(" (").append(tag).append(')');
        return sb.toString();
    }

    /** How many iterations a row's figures stand on, when not all of them: {@code 2 of 3 iterations}. */
    public static String counted(ModelRun run) {
        return run.countedIterations() + " of " + run.iterations().size() + " iterations";
    }
}
