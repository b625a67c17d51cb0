package netoverhead.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import netoverhead.result.Figure;
import netoverhead.result.ModelRun;
import netoverhead.result.RunResult;
import netoverhead.result.Stat;

/**
 * The Haiku suite's table, column for column and unit for unit, with means over the counted iterations; under it
 * the figures the Haiku suite lacked, then the errors with the first message of each kind. Several runs (machines,
 * OSes, JDKs, servers) render into one table, a row per model per run; what all rows share is said once
 * above the tables. Figures have four significant digits here; the CSV and JSON keep full precision. Runs of
 * rr, churn and idle have a table each ({@link OperationTable}), under the bulk tables when both are shown.
 */
public final class HaikuTable {
    public static final String HEADER = header(Figure.Table.HAIKU, "");
    public static final String DETAIL_HEADER = header(Figure.Table.DETAIL, " Errors |");

    private HaikuTable() {}

    /**
     * The bulk tables, then the table of each workload of operations (rr, churn, idle) that the runs hold, what
     * the rows share said once above the first.
     */
    public static String render(List<RunResult> results) {
        String shared = RunDifferences.of(results).shared();
        List<ReportRow> all = ReportRow.of(results);
        List<ReportRow> rows = all.stream().filter(r -> r.result().settings().workloadOrBulk().bulk()).toList();
        List<String> tables = new ArrayList<>();
        if (!rows.isEmpty() || all.isEmpty()) tables.add(bulk(shared, rows));
        for (OperationTable table : OperationTable.all()) {
            List<ReportRow> of = table.rowsOf(all);
            if (!of.isEmpty()) tables.add(table.render(tables.isEmpty() ? shared : "", of));
        }
        return String.join("\n", tables);
    }

    /** The bulk tables of these rows. */
    private static String bulk(String shared, List<ReportRow> rows) {
        StringBuilder main = new StringBuilder(HEADER).append('\n').append(rule(Figure.Table.HAIKU, 0));
        StringBuilder detail = new StringBuilder(DETAIL_HEADER).append('\n').append(rule(Figure.Table.DETAIL, 1));
        for (ReportRow row : rows) {
            ModelRun run = row.run();
            String why = withoutFigures(run);
            if (why != null) {
                String errors = run.unavailable() == null ? " " + ErrorNotes.counts(run) + " |" : " |";
                main.append(row(escape(row.name()), Figure.Table.HAIKU, escape(why))).append('\n');
                detail.append(row(escape(row.name()), Figure.Table.DETAIL, escape(why))).append(errors).append('\n');
                continue;
            }
            String name = escape(row.name()) + (run.partlyCounted() ? ", " + RowLabel.counted(run) : "");
            main.append(figures(name, run, Figure.Table.HAIKU)).append('\n');
            detail.append(figures(name, run, Figure.Table.DETAIL)).append(' ').append(ErrorNotes.counts(run))
                    .append(" |\n");
        }
        StringBuilder sb = new StringBuilder();
        if (!shared.isEmpty()) sb.append(shared.replace("\n", " ")).append("\n\n");
        sb.append(main).append('\n').append(detail);
        String ticks = OperationTable.tickNote(rows);
        if (ticks != null) sb.append('\n').append(ticks).append('\n');
        List<String> notes = ErrorNotes.lines(rows);
        if (!notes.isEmpty()) {
            sb.append("\nErrors, with the first message of each kind:\n");
            for (String note : notes) sb.append("- ").append(note).append('\n');
        }
        return sb.toString();
    }

    /** Why a row has no figures (unavailable, or no iteration counted), or null when it has. */
    static String withoutFigures(ModelRun run) {
        if (run.unavailable() != null) return "unavailable: " + run.unavailable();
        if (run.iterations().isEmpty()) return "no iteration ran";
        if (run.countedIterations() == 0) {
            return "no iteration completed without errors (0 of " + run.iterations().size() + ")";
        }
        return null;
    }

    /** A column title per distinct {@link Figure#column()} of the table, in the figures' order. */
    private static Map<String, List<Figure>> columns(Figure.Table table) {
        Map<String, List<Figure>> columns = new LinkedHashMap<>();
        for (Figure f : Figure.inTable(table)) columns.computeIfAbsent(f.column(), k -> new ArrayList<>()).add(f);
        return columns;
    }

    private static String header(Figure.Table table, String extra) {
        return "| Setup | " + String.join(" | ", columns(table).keySet()) + " |" + extra;
    }

    private static String rule(Figure.Table table, int extra) {
        return "|---|" + "---|".repeat(columns(table).size() + extra) + "\n";
    }

    /** A row whose first figure cell says why it has no figures, and the others empty. */
    private static String row(String name, Figure.Table table, String why) {
        return "| " + name + " | " + why + " |" + " |".repeat(columns(table).size() - 1);
    }

    private static String figures(String name, ModelRun run, Figure.Table table) {
        StringBuilder sb = new StringBuilder("| ").append(name).append(" |");
        for (List<Figure> cell : columns(table).values()) {
            List<String> parts = new ArrayList<>();
            for (Figure f : cell) parts.add(value(run.summary(), f));
            sb.append(' ').append(String.join(" @ ", parts)).append(" |");
        }
        return sb.toString();
    }

    private static String value(Map<String, Stat> summary, Figure figure) {
        Stat stat = summary == null ? null : summary.get(figure.key());
        if (stat == null) return "n/a";
        return Numbers.significant(stat.mean(), 4) + (figure.unit().isEmpty() ? "" : " " + figure.unit());
    }

    static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
