package netoverhead.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import netoverhead.result.Environment;
import netoverhead.result.ModelRun;
import netoverhead.result.RunSettings;

/** The label of a table row, as the seed's: {@code Linux (x86_64, 6.1.0, JDK 25.0.3) Threaded}. */
public final class RowLabel {
    private static final Pattern KERNEL = Pattern.compile("^\\d+(\\.\\d+)*");

    private RowLabel() {}

    public static String setup(Environment env) {
        Matcher m = KERNEL.matcher(env.kernel());
        String kernel = m.find() ? m.group() : env.kernel();
        return env.os() + " (" + env.arch() + ", " + kernel + ", JDK " + env.jdk() + ")";
    }

    public static String of(Environment env, RunSettings settings, ModelRun run, boolean withConnections) {
        StringBuilder sb = new StringBuilder(setup(env)).append(' ').append(run.label());
        if (settings.link() != null && !settings.link().isBlank()) sb.append(" over ").append(settings.link());
        if (settings.profiler() != null) sb.append(" [under ").append(settings.profiler()).append(']');
        if (withConnections) sb.append(", ").append(run.connections()).append(" connections");
        return sb.toString();
    }
}
