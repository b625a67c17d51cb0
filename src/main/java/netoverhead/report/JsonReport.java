package netoverhead.report;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import netoverhead.result.RunResult;

/** The JSON form of a run: everything, readable back by report and compare. */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonReport() {}

    public static String render(RunResult result) {
        try {
            return MAPPER.writeValueAsString(result) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** One run as an object, several as an array of them. */
    public static String render(java.util.List<RunResult> results) {
        if (results.size() == 1) return render(results.getFirst());
        try {
            return MAPPER.writeValueAsString(results) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** The runs in a file: one object, as {@code run} writes it, or an array, as a merged report writes it. */
    public static java.util.List<RunResult> readAll(Path file) throws IOException {
        try {
            com.fasterxml.jackson.databind.JsonNode root = MAPPER.readTree(file.toFile());
            if (root != null && root.isArray()) {
                java.util.List<RunResult> runs = new java.util.ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode node : root) runs.add(MAPPER.treeToValue(node, RunResult.class));
                return runs;
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not a netoverhead result: " + e.getOriginalMessage(), e);
        }
        return java.util.List.of(read(file));
    }

    public static RunResult read(Path file) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), RunResult.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not a netoverhead result: " + e.getOriginalMessage(), e);
        }
    }
}
