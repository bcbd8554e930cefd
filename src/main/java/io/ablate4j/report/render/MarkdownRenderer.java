package io.ablate4j.report.render;

import java.util.List;

/**
 * Renders a {@link Doc} as GitHub-flavoured Markdown for pasting into papers and issues: pipe tables, charts
 * referenced by their relative path ({@code plots/x.png}) rather than embedded, folded sections shown in full.
 */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(String title, List<Doc.Block> blocks) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(title)).append("\n\n");
        for (Doc.Block b : blocks) {
            block(out, b, 0);
        }
        return out.toString();
    }

    private static void block(StringBuilder out, Doc.Block b, int depth) {
        if (b instanceof Doc.Heading h) {
            out.append("#".repeat(Math.min(6, h.level() + depth))).append(' ').append(escape(h.text()))
                    .append("\n\n");
        } else if (b instanceof Doc.Paragraph p) {
            String text = escape(p.text());
            out.append(switch (p.style()) {
                case NORMAL -> text;
                case NOTE -> "_" + text + "_";
                case WARNING -> "> **Warning:** " + text;
            }).append("\n\n");
        } else if (b instanceof Doc.Bullets l) {
            for (String item : l.items()) {
                out.append(l.style() == Doc.Style.WARNING ? "- ⚠ " : "- ").append(escape(item)).append('\n');
            }
            out.append('\n');
        } else if (b instanceof Doc.Table t) {
            table(out, t);
        } else if (b instanceof Doc.Image i) {
            out.append("![").append(escape(i.title())).append("](").append(i.file()).append(")\n\n")
                    .append("*").append(escape(i.title())).append(".* ").append(escape(i.caption()))
                    .append("\n\n");
        } else if (b instanceof Doc.Svg f) {
            for (String file : f.files()) {
                out.append("![").append(escape(f.title())).append("](").append(file).append(")\n");
            }
            out.append("\n*").append(escape(f.title())).append(".* ").append(escape(f.caption())).append("\n\n");
            if (f.table() != null) {
                table(out, f.table());
            }
        } else if (b instanceof Doc.Collapsible c) {
            out.append("**").append(escape(c.summary())).append("**\n\n");
            for (Doc.Block inner : c.blocks()) {
                block(out, inner, depth + 1);
            }
        }
    }

    private static void table(StringBuilder out, Doc.Table t) {
        if (t.caption() != null && !t.caption().isEmpty()) {
            out.append("**").append(escape(t.caption())).append("**\n\n");
        }
        row(out, t.header());
        out.append('|');
        for (int i = 0; i < t.header().size(); i++) {
            out.append(" --- |");
        }
        out.append('\n');
        for (List<String> r : t.rows()) {
            row(out, r);
        }
        out.append('\n');
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(c.isEmpty() ? " " : escape(c)).append(" |");
        }
        out.append('\n');
    }

    /**
     * Backslash-escapes the characters that Markdown or a GFM table would interpret, and folds line breaks,
     * so that any text (error messages included) shows literally and cannot inject HTML.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#' -> out.append('\\').append(c);
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
