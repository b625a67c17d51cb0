package netoverhead.report;

import java.awt.Color;
import java.util.List;

/**
 * A chart ready for the page: what it shows, the legend that the page draws beside it, and the SVG.
 *
 * @param id    stable name for links and tests, e.g. {@code aggregate_mibps} or {@code memory-curve-100}
 * @param note  how to read it, or what was left out
 */
public record RenderedChart(String id, String title, String note, List<Legend> legend, String svg) {
    /** One series: its name, and the colour and marker it has in every chart of the page. */
    public record Legend(String name, Color color, MarkerShape marker) {}

    /** The same chart with its id after a prefix, so that charts of several workloads on one page keep apart. */
    RenderedChart prefixed(String prefix) {
        return new RenderedChart(prefix + id, title, note, legend, svg);
    }
}
