package netoverhead.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a program the tool did not write (lighttpd, nginx) so that it ends with the tool however the tool ends,
 * SIGKILL included. A small shell runs the program in the background and reads its own stdin, the pipe from
 * the tool, until its end: the kernel closes that pipe when the tool dies. Then the shell sends SIGTERM to its
 * whole process group (the program and whatever it forked, nginx's workers too), which {@link
 * TerminalInterrupt#shielded} makes a group of its own. A SIGTERM to the shell itself, how the tool stops the
 * server, is passed on to the program; the shell ends when the program does, with its status. When the
 * program ended because the tool had gone, the shell also removes the program's directory (configuration,
 * logs), which nobody else is left to remove.
 * <p>
 * The program's own stdin is /dev/null; the process the tool sees is the shell, and the program is its child.
 */
public final class ParentWatch {
    /*
     * $1 is the directory to remove, the program follows. fd 3 keeps the pipe for the watcher, a subshell
     * with no program of its own (read is a builtin), so that ending it leaves nothing behind. "kill -- -$$"
     * signals the shell's group; where the shell leads none (no setsid), no group has that id, and the
     * program alone is signalled. The watcher marks the directory before it signals, so that the shell
     * knows, once the program has ended, that the tool has gone and the directory is its to remove.
     */
    private static final String SCRIPT = """
            directory=$1
            shift
            exec 3<&0 0</dev/null
            "$@" 3<&- &
            program=$!
            (
                while read -r _ <&3; do :; done
                : >"$directory/.tool-gone"
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
            [ -e "$directory/.tool-gone" ] && rm -rf -- "$directory"
            exit "$status"
            """;

    private ParentWatch() {}

    /**
     * {@code command} run under the watch; start it with a pipe as stdin and keep that pipe open.
     * {@code directory} is removed, with all in it, if the program ends because the tool has gone.
     */
    public static List<String> watched(List<String> command, Path directory) {
        List<String> watched = new ArrayList<>(command.size() + 5);
        watched.addAll(List.of("/bin/sh", "-c", SCRIPT, "netoverhead-watch", directory.toAbsolutePath().toString()));
        watched.addAll(command);
        return watched;
    }
}
