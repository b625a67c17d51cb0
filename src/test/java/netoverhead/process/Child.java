package netoverhead.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child process the test talks to by lines over its stdin and stdout; closing it kills and reaps it. */
final class Child implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    Child(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** A shell running {@code script}. */
    static Child sh(String script) throws IOException {
        return new Child(List.of("sh", "-c", script));
    }

    long pid() {
        return process.pid();
    }

    void say(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    /** The child's next line; the test's timeout guards against a child that says nothing. */
    String hear() throws IOException {
        return out.readLine();
    }

    /** Closes its stdin and waits for it to end by itself. */
    void endByItself() throws IOException, InterruptedException {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IOException("the child did not end");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
