package netoverhead.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import netoverhead.result.Figure;
import netoverhead.result.OperationUnit;
import netoverhead.result.RunResult;

/**
 * The JSON form of a run: everything, readable back by report and compare. Each iteration says whether it
 * is counted in the summary and, if not, why; {@code units} gives the unit of every figure key. Several runs merge into an array in which each run also
 * carries {@code shownAs} (its label, or what tells it apart from the others) and each model run its
 * {@code row} name, as the tables and the CSV name them.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonReport() {}

    public static String render(RunResult result) {
        try {
            return MAPPER.writeValueAsString(tree(result)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** One run as an object, several as an array of them, each named as the tables name it. */
    public static String render(List<RunResult> results) {
        if (results.size() == 1) return render(results.getFirst());
        RunDifferences differences = RunDifferences.of(results);
        List<ReportRow> rows = ReportRow.of(results);
        ArrayNode array = MAPPER.createArrayNode();
        int row = 0;
        for (RunResult result : results) {
            ObjectNode node = tree(result);
            node.put("shownAs", differences.fullTag(result));
            for (JsonNode run : node.get("runs")) ((ObjectNode) run).put("row", rows.get(row++).plainName());
            array.add(node);
        }
        try {
            return MAPPER.writeValueAsString(array) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** The run as a tree, with the unit of every figure its summaries and CSV columns are keyed by. */
    private static ObjectNode tree(RunResult result) {
        ObjectNode node = MAPPER.valueToTree(result);
        ObjectNode units = node.putObject("units");
        boolean bulk = result.settings().workloadOrBulk().bulk();
        // in the words of the run's operation: ops_per_s is connections/s for churn
        OperationUnit operation = OperationUnit.of(result.settings().workloadOrBulk());
        for (Figure f : Figure.values()) {
            if (!bulk || !f.forOperations()) units.put(f.key(), f.unit(operation));
        }
        return node;
    }

    /** The runs in a file: one object, as {@code run} writes it, or an array, as a merged report writes it. */
    public static List<RunResult> readAll(Path file) throws IOException {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root != null && root.isArray()) {
                List<RunResult> runs = new ArrayList<>();
                for (JsonNode node : root) runs.add(MAPPER.treeToValue(node, RunResult.class));
                return runs;
            }
        } catch (JacksonException e) {
            throw new IOException(file + " is not a netoverhead result: " + e.getOriginalMessage(), e);
        }
        return List.of(read(file));
    }

    public static RunResult read(Path file) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), RunResult.class);
        } catch (JacksonException e) {
            throw new IOException(file + " is not a netoverhead result: " + e.getOriginalMessage(), e);
        }
    }
}
