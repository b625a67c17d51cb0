import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The bench's few options, read strictly: a bad one ends the bench with one line and exit status 2. */
final class BenchArgs {
    private BenchArgs() {}

    static final Set<String> SECTIONS = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("startup", "harness", "java-native", "server", "scale", "rr-floor",
                    "rr-java", "rr-server", "rr-harness", "rr-open", "churn", "idle")));

    static String value(String[] args, int i, String option) {
        if (i >= args.length) usage(option + " needs a value");
        return args[i];
    }

    /** The sections --only names, in the order the bench runs them. */
    static Set<String> sections(String[] args, int i) {
        Set<String> named = new LinkedHashSet<>(List.of(value(args, i, "--only").split(",")));
        for (String section : named) {
            if (!SECTIONS.contains(section)) usage("no section '" + section + "'");
        }
        return named;
    }

    static int count(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below, as for zero or a negative count
        }
        usage(option + " takes a whole number of at least 1, not '" + v + "'");
        return 0;
    }

    static void usage(String problem) {
        System.err.println("bench: " + problem + " (use --quick, --rounds N, --iterations N, --no-pin,"
                + " --only " + String.join(",", SECTIONS) + ")");
        System.exit(2);
    }
}
