package io.ablate4j.report.render;

import io.ablate4j.report.stats.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Doc} as console text: ASCII only, headings underlined, notes wrapped at {@value #WIDTH}
 * characters, tables as aligned columns (numeric ones right-aligned).
 */
public final class TextRenderer {
    /** Console width for paragraphs; tables are as wide as their cells. */
    static final int WIDTH = 110;

    private TextRenderer() {
    }

    public static String render(String title, List<Doc.Block> blocks) {
        StringBuilder out = new StringBuilder();
        String t = Fmt.ascii(title);
        out.append(t).append('\n').append("=".repeat(t.length())).append('\n');
        for (Doc.Block b : blocks) {
            if (b instanceof Doc.Heading h) {
                String text = Fmt.ascii(h.text());
                out.append('\n').append(text).append('\n').append("-".repeat(text.length())).append('\n');
            } else if (b instanceof Doc.Paragraph p) {
                // Notes (explanations) wrap; the run and verdict lines stay whole, for grep.
                String text = Fmt.ascii(Doc.oneLine(p.text()));
                out.append(p.style() == Doc.Style.NOTE ? "\n" + wrap(text) : text).append('\n');
            } else if (b instanceof Doc.Bullets l) {
                l.items().forEach(i -> out.append("- ").append(Fmt.ascii(Doc.oneLine(i))).append('\n'));
            } else if (b instanceof Doc.Table table) {
                textTable(out, table);
            }
        }
        return out.toString();
    }

    private static void textTable(StringBuilder out, Doc.Table t) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(t.header().stream().map(TextRenderer::ascii).toList());
        t.rows().forEach(r -> lines.add(r.stream().map(TextRenderer::ascii).toList()));
        int columns = t.header().size();
        int[] width = new int[columns];
        boolean[] numeric = t.numericColumns();
        for (List<String> line : lines) {
            for (int i = 0; i < columns && i < line.size(); i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        out.append('\n');
        for (int n = 0; n < lines.size(); n++) {
            List<String> line = lines.get(n);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                String cell = i < line.size() ? line.get(i) : "";
                String pad = " ".repeat(width[i] - cell.length());
                s.append(i == 0 ? "" : "  ").append(numeric[i] && n > 0 ? pad + cell : cell + pad);
            }
            out.append(s.toString().stripTrailing()).append('\n');
            if (n == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
                }
                out.append(rule).append('\n');
            }
        }
    }

    /** Breaks text at spaces into lines of at most {@link #WIDTH} characters (a longer word stays whole). */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split(" ")) {
            if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > WIDTH) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    private static String ascii(String cell) {
        return Fmt.ascii(Doc.oneLine(cell));
    }
}
