package netoverhead.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The child's end of the pipe the tool gives it as stdin. The kernel closes the tool's end when the tool ends,
 * however it ends (SIGKILL and the out-of-memory killer included, which no shutdown hook sees), so a child that
 * watches for the end of its stdin ends with the tool instead of outliving it. One thread reads the pipe for
 * the whole life of the child, hands the parent's words over in order, and halts the JVM at the end of input.
 */
public final class ParentPipe {
    /** The exit status of a child whose parent has gone. */
    public static final int PARENT_GONE = 3;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ParentPipe() {}

    /**
     * Starts watching {@code in}: every line is kept for {@link #nextLine()}; at its end the JVM halts at once
     * with {@link #PARENT_GONE} (no shutdown hooks: nobody is left to wait for them).
     */
    public static ParentPipe watch(InputStream in) {
        ParentPipe pipe = new ParentPipe();
        Thread.ofPlatform().daemon().name("netoverhead-parent-pipe").start(() -> pipe.read(in));
        return pipe;
    }

    private void read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) lines.add(line);
        } catch (IOException e) {
            // an unreadable pipe is a parent that has gone
        }
        Runtime.getRuntime().halt(PARENT_GONE);
    }

    /** The parent's next line, waiting for it; the JVM halts instead if the parent goes away first. */
    public String nextLine() throws InterruptedException {
        return lines.take();
    }
}
