package netoverhead.report;

import java.util.ArrayList;
import java.util.List;

/** Small HTML helpers for the report page: escaping, and the markdown of the Haiku suite's table as an HTML table. */
final class Html {
    private Html() {}

    static String escape(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A key/value table. */
    static String definitions(List<String[]> pairs) {
        StringBuilder sb = new StringBuilder("<table class=\"kv\">\n");
        for (String[] p : pairs) {
            sb.append("<tr><th>").append(escape(p[0])).append("</th><td>").append(escape(p[1])).append("</td></tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /**
     * The markdown tables that {@link HaikuTable} prints, as HTML tables, so that the page shows exactly the
     * table a run prints. Backticks become code; escaped pipes stay pipes.
     */
    static String fromMarkdown(String markdown) {
        StringBuilder sb = new StringBuilder();
        boolean open = false;
        boolean header = false;
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|")) {
                if (open) sb.append("</tbody></table>\n");
                open = false;
                continue;
            }
            List<String> cells = cells(line);
            if (!open) {
                sb.append("<table class=\"haiku\"><thead><tr>");
                for (String c : cells) sb.append("<th>").append(inline(c)).append("</th>");
                sb.append("</tr></thead><tbody>\n");
                open = true;
                header = true;
                continue;
            }
            if (header) { // the |---|---| line
                header = false;
                continue;
            }
            sb.append("<tr>");
            for (int i = 0; i < cells.size(); i++) {
                sb.append(i == 0 ? "<th>" : "<td>").append(inline(cells.get(i))).append(i == 0 ? "</th>" : "</td>");
            }
            sb.append("</tr>\n");
        }
        if (open) sb.append("</tbody></table>\n");
        return sb.toString();
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String body = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    private static String inline(String text) {
        String[] parts = text.split("`", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            sb.append(i % 2 == 1 ? "<code>" + escape(parts[i]) + "</code>" : escape(parts[i]));
        }
        return sb.toString();
    }
}
