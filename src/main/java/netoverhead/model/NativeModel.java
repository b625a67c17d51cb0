package netoverhead.model;

import java.io.IOException;
import java.util.List;

/**
 * A model that is its own program (a C client, say). It runs as the child process under the same memory
 * monitor and speaks the same line protocol as the JVM child (see netoverhead.child.ChildProtocol).
 */
public non-sealed interface NativeModel extends Model {
    /** The command that starts the child for this plan; the plan's arguments follow it. */
    List<String> command(ClientPlan plan) throws IOException;
}
