package io.ablate4j.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * The one document model: a format-neutral list of blocks, rendered to HTML ({@link HtmlRenderer}), Markdown
 * ({@link MarkdownRenderer}), console text ({@link TextRenderer}) and LaTeX ({@link LatexRenderer}), so that the
 * formats carry the same content by construction. All text is plain; renderers escape it.
 */
public final class Doc {
    private Doc() {
    }

    public sealed interface Block permits Heading, Paragraph, Bullets, Table, Image, Svg, Collapsible {
    }

    /** A section heading; {@code anchor} is a stable id for links. */
    public record Heading(int level, String text, String anchor) implements Block {
    }

    /** A paragraph; a {@code note} is rendered muted, a {@code warning} highlighted. */
    public record Paragraph(String text, Style style) implements Block {
    }

    public enum Style { NORMAL, NOTE, WARNING }

    public record Bullets(List<String> items, Style style) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /**
     * A table. {@code rowClasses} (same length as rows, entries may be null) tag rows for HTML styling:
     * {@code good}, {@code bad}, {@code baseline}, {@code selected}; Markdown ignores them, so the tag's meaning
     * must also be in the text.
     */
    public record Table(String caption, List<String> header, List<List<String>> rows,
                        List<String> rowClasses) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(r -> List.copyOf(r.stream().map(c -> c == null ? "" : c).toList())).toList();
            rowClasses = rowClasses == null ? null : new ArrayList<>(rowClasses);
        }

        public Table(String caption, List<String> header, List<List<String>> rows) {
            this(caption, header, rows, null);
        }

        String rowClass(int i) {
            return rowClasses == null || i >= rowClasses.size() ? null : rowClasses.get(i);
        }

        /**
         * A column is numeric (right-aligned) when each of its cells is empty, a dash or starts like a number or an
         * interval: {@code 87.10}, {@code +0.25}, {@code [-0.4, +0.9]}, {@code <0.001}. The first column never is.
         */
        boolean[] numericColumns() {
            boolean[] numeric = new boolean[header.size()];
            for (int i = 1; i < numeric.length; i++) {
                int column = i;
                numeric[i] = rows.stream().map(r -> column < r.size() ? r.get(column) : "")
                        .allMatch(c -> c.isEmpty() || c.equals("–") || c.matches("[-+−\\[<0-9].*"));
            }
            return numeric;
        }
    }

    /** Text on one line: line breaks become spaces; null is empty. */
    static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", " ").replace("\n", " ");
    }

    /** A chart; {@code file} is relative to the run directory. */
    public record Image(String file, String title, String caption) implements Block {
    }

    /**
     * A figure drawn as SVG: HTML inlines {@code svgs} (panels side by side where there is room), or on a narrow
     * screen {@code narrow} instead when it is not null; Markdown links {@code files} (relative to the run
     * directory); {@code table}, when not null, holds the same numbers and is shown folded in HTML and in full in
     * Markdown.
     */
    public record Svg(String title, String caption, List<String> files, List<String> svgs, String narrow,
                      Table table) implements Block {
        public Svg {
            files = List.copyOf(files);
            svgs = List.copyOf(svgs);
        }
    }

    /** Content folded away on screen (HTML {@code <details>}), shown in full in Markdown and in print. */
    record Collapsible(String summary, List<Block> blocks) implements Block {
        Collapsible {
            blocks = List.copyOf(blocks);
        }
    }
}
