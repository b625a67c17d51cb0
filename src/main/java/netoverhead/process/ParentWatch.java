package netoverhead.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a program the tool did not write (lighttpd, nginx) so that it ends with the tool however the tool ends,
 * SIGKILL included. A small shell runs the program in the background and reads its own stdin, the pipe from
 * the tool, until its end: the kernel closes that pipe when the tool dies. Then the shell sends SIGTERM to its
 * whole process group (the program and whatever it forked, nginx's workers too), which {@link
 * TerminalInterrupt#shielded} makes a group of its own. A SIGTERM to the shell itself, how the tool stops the
 * server, is passed on to the program; the shell ends when the program does, with its status.
 * <p>
 * The program's own stdin is /dev/null; the process the tool sees is the shell, and the program is its child.
 */
public final class ParentWatch {
    /*
     * fd 3 keeps the pipe for the watcher, a subshell with no program of its own (read is a builtin), so that
     * ending it leaves nothing behind. "kill -- -$$" signals the shell's group; where the shell leads none
     * (no setsid), no group has that id, and the program alone is signalled.
     */
    private static final String SCRIPT = """
            exec 3<&0 0</dev/null
            "$@" 3<&- &
            program=$!
            (
                while read -r _ <&3; do :; done
                kill -s TERM -- -$$ 2>/dev/null || kill -s TERM "$program" 2>/dev/null
            ) &
            watcher=$!
            exec 3<&-
            trap 'kill -s TERM "$program" 2>/dev/null' TERM
            while :; do
                wait "$program"
                status=$?
                kill -0 "$program" 2>/dev/null || break
            done
            kill "$watcher" 2>/dev/null
            exit "$status"
            """;

    private ParentWatch() {}

    /** {@code command} run under the watch; start it with a pipe as stdin and keep that pipe open. */
    public static List<String> watched(List<String> command) {
        List<String> watched = new ArrayList<>(command.size() + 4);
        watched.addAll(List.of("/bin/sh", "-c", SCRIPT, "netoverhead-watch"));
        watched.addAll(command);
        return watched;
    }
}
