package netoverhead.model;

/**
 * One way of doing client network I/O. A model moves bytes and stamps times into job records; it never
 * parses HTTP itself (it feeds {@link netoverhead.http.ResponseParser}) and never aggregates. Models run
 * inside a child process: a JVM for {@link JvmModel}, a program of their own for {@link NativeModel}.
 */
public sealed interface Model permits JvmModel, NativeModel {
    /** The name users type: {@code threaded}, {@code poll}. */
    String name();

    /** The row label of the Haiku suite's table: {@code Threaded}, {@code `poll()`-based}. */
    String label();

    /** One line for {@code netoverhead models}. */
    String description();

    default Availability availability() {
        return Availability.AVAILABLE;
    }
}
