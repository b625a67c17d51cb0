package netoverhead.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One name, colour and marker per series of a page, the same in every chart. A series is one model of one
 * run (rows of a sweep at several connection counts belong to it); a model that a run measured twice at
 * the same connection count is a series of its own. Names come from {@link ReportRow}: the model, after
 * the setup when the page holds several; where two series would still share a name, the later ones are
 * numbered ({@code Threaded (2)}), so that every name in a chart is unique whatever the input.
 */
final class SeriesStyles {
    /** Twelve colours far apart, none of them grey (axes, grid and text are grey or black). */
    static final List<Color> PALETTE = List.of(
            new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(255, 127, 14),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207),
            new Color(188, 189, 34), new Color(0, 0, 128), new Color(128, 0, 0), new Color(0, 128, 128));

    record Style(String name, Color color, MarkerShape marker) {}

    private record Key(int result, String model, int repeat) {}

    private final Map<ReportRow, Key> keys = new IdentityHashMap<>();
    private final Map<Key, Style> styles = new LinkedHashMap<>();

    private SeriesStyles() {}

    static SeriesStyles of(List<ReportRow> rows) {
        SeriesStyles s = new SeriesStyles();
        boolean several = ReportRow.severalSetups(rows);
        Map<Object, Integer> results = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (ReportRow row : rows) {
            int result = results.computeIfAbsent(row.result(), r -> results.size());
            // the steps of a sweep (connection counts, response sizes) are one series
            String occurrence = result + "\n" + row.run().model() + "\n" + row.run().connections() + "\n"
                    + row.run().responseBytes();
            int repeat = seen.merge(occurrence, 1, Integer::sum) - 1;
            Key key = new Key(result, row.run().model(), repeat);
            s.keys.put(row, key);
            if (s.styles.containsKey(key)) continue;
            String base = several ? row.model() + " (" + row.setup() + ")" : row.model();
            String name = base;
            for (int n = 2; !used.add(name); n++) name = base + " (" + n + ")";
            int index = s.styles.size();
            s.styles.put(key, new Style(name, color(index), MarkerShape.of(index)));
        }
        return s;
    }

    Style of(ReportRow row) {
        Key key = keys.get(row);
        if (key == null) throw new IllegalArgumentException("a row this page does not hold: " + row.model());
        return styles.get(key);
    }

    /** Every series in first-seen order. */
    List<Style> all() {
        return new ArrayList<>(styles.values());
    }

    /** The colour of the index-th series: the palette, then hues a golden angle apart, never a repeat. */
    static Color color(int index) {
        if (index < PALETTE.size()) return PALETTE.get(index);
        int k = index - PALETTE.size();
        float hue = (float) ((k * 0.618033988749895) % 1.0);
        float saturation = 0.85f - 0.2f * (k / 7 % 3);
        float brightness = 0.55f + 0.15f * (k % 3);
        return Color.getHSBColor(hue, saturation, brightness);
    }
}
