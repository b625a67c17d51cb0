package netoverhead.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import netoverhead.result.RunResult;

/** One enum knows every format: its name, its extensions and its renderer. */
class OutputFormatTest {
    @Test
    void namesAndExtensionsPickTheFormat() {
        assertThat(OutputFormat.names()).isEqualTo("markdown, csv, json or html");
        assertThat(OutputFormat.named("CSV")).contains(OutputFormat.CSV);
        assertThat(OutputFormat.named("pdf")).isEmpty();
        assertThat(OutputFormat.forFile(Path.of("out/r.htm"))).contains(OutputFormat.HTML);
        assertThat(OutputFormat.forFile(Path.of("r.json"))).contains(OutputFormat.JSON);
        assertThat(OutputFormat.forFile(Path.of("r.pdf"))).isEmpty();
        assertThat(OutputFormat.JSON.extension()).isEqualTo(".json");
    }

    @Test
    void eachFormatRendersWithItsOwnRenderer() {
        List<RunResult> one = List.of(KnownRuns.run("Linux", KnownRuns.model("poll", 100, 101)));
        assertThat(OutputFormat.CSV.render(one)).startsWith(CsvReport.HEADER + "\n");
        assertThat(OutputFormat.MARKDOWN.render(one)).contains(HaikuTable.HEADER);
        assertThat(OutputFormat.JSON.render(one)).startsWith("{").contains("\"counted\" : true");
        assertThat(OutputFormat.HTML.render(one)).contains("<html");
    }
}
