package netoverhead.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import netoverhead.result.RunResult;

/**
 * Every output format, with its name, its file extensions and its renderer: the one place that knows the
 * formats. A new format is one constant here.
 */
public enum OutputFormat {
    MARKDOWN("markdown", List.of(".md", ".markdown", ".txt"), HaikuTable::render),
    CSV("csv", List.of(".csv"), CsvReport::render),
    JSON("json", List.of(".json"), JsonReport::render),
    HTML("html", List.of(".html", ".htm"), HtmlReport::render);

    private final String formatName;
    private final List<String> extensions;
    private final Function<List<RunResult>, String> renderer;

    OutputFormat(String formatName, List<String> extensions, Function<List<RunResult>, String> renderer) {
        this.formatName = formatName;
        this.extensions = extensions;
        this.renderer = renderer;
    }

    /** The name that {@code --format} takes. */
    public String formatName() {
        return formatName;
    }

    /** The extension of a file this format writes: {@code .json}. */
    public String extension() {
        return extensions.getFirst();
    }

    /** The runs in this format; several runs merge into one document. */
    public String render(List<RunResult> results) {
        return renderer.apply(results);
    }

    public static Optional<OutputFormat> named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.formatName.equals(wanted)).findFirst();
    }

    /** The format a file's extension names, if any. */
    public static Optional<OutputFormat> forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.stream().anyMatch(name::endsWith)).findFirst();
    }

    /** The names for a usage message: {@code markdown, csv, json or html}. */
    public static String names() {
        List<String> names = Arrays.stream(values()).map(OutputFormat::formatName).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }
}
