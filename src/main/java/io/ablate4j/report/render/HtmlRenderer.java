package io.ablate4j.report.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders a {@link Doc} as one self-contained HTML page: inline CSS, PNG charts embedded as base64 data URIs, SVG
 * charts inline, no external resource. Responsive (a max-width column; table cells that wrap, long axis values
 * included, so that tables fit the window; on a phone a wide table becomes one card per row; charts that shrink) and
 * printable (folded sections open, no scrolling boxes, no page breaks inside figures and table rows).
 */
public final class HtmlRenderer {
    private static final Pattern NUMERIC = Pattern.compile("[+\\-−]?(<)?[0-9][0-9.,]*(e[+\\-]?[0-9]+)?%?( .*)?");

    /** Tables with at least this many columns turn into one card per row on a narrow screen. */
    private static final int WIDE_COLUMNS = 4;
    /** Tables with at least this many columns are set smaller, so that they fit a 1280-px window. */
    private static final int MANY_COLUMNS = 11;
    /** Words longer than this get break opportunities ({@link #breakable}). */
    private static final int BREAK_AFTER = 12;

    private static final String CSS = """
            :root { color-scheme: light; }
            * { box-sizing: border-box; }
            body { margin: 0; color: #1d1d1f; background: #fff; line-height: 1.45; overflow-wrap: break-word;
                   font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1120px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
            h1 { font-size: 1.7rem; margin: .5rem 0 1rem; }
            h2 { font-size: 1.3rem; margin-top: 2.2rem; padding-bottom: .25rem; border-bottom: 2px solid #e3e3e3; }
            h3 { font-size: 1.08rem; margin-top: 1.5rem; }
            .note { color: #555; font-size: .92rem; }
            .warning { background: #fff6db; border-left: 4px solid #e0a800; padding: .55rem .9rem; }
            ul.warning { padding-left: 2rem; }
            .table-wrap { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch;
                          margin: .4rem 0 1.2rem; }
            table { border-collapse: collapse; font-size: .88rem; max-width: 100%; }
            caption { text-align: left; font-weight: 600; padding: .3rem 0; }
            th, td { border: 1px solid #dadada; padding: .28rem .55rem; text-align: left; vertical-align: top; }
            th { background: #f4f5f7; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
            td.wrap { min-width: 8rem; }
            table.many { font-size: .8rem; }
            table.many th, table.many td { padding: .25rem .4rem; }
            tr.good td { background: #e7f6ea; }
            tr.bad td { background: #fde9e7; }
            tr.baseline td { background: #f1f1f1; }
            tr.selected td { font-weight: 600; }
            figure { margin: 1.2rem 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #e3e3e3; }
            figure.svg .panels { display: grid; gap: .6rem 1rem;
                                 grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr)); }
            figure.svg svg { display: block; width: 100%; height: auto; border: 1px solid #e3e3e3; }
            svg text { fill: #1d1d1f; }
            .narrow-only { display: none; }
            svg .tick-x, svg .tick-y, svg .legend { fill: #333; }
            figcaption { font-size: .9rem; color: #444; overflow-wrap: anywhere; }
            details { margin: .6rem 0 1rem; }
            summary { cursor: pointer; font-weight: 600; }
            nav ul { columns: 2; padding-left: 1.2rem; }
            @media (max-width: 640px) {
              main { padding: .6rem .7rem 2rem; }
              h1 { font-size: 1.35rem; }
              nav ul { columns: 1; }
              table { font-size: .8rem; }
              th, td { overflow-wrap: anywhere; }
              /* A wide table becomes one card per row, each cell labelled by its column. */
              table.wide, table.wide tbody, table.wide tr, table.wide td { display: block; width: 100%; }
              table.wide caption { display: block; }
              table.wide thead { display: none; }
              table.wide tr { border: 1px solid #dadada; margin-bottom: .5rem; }
              table.wide td { border: none; border-bottom: 1px solid #eee; display: grid; gap: .5rem;
                              grid-template-columns: minmax(5.5rem, 38%) minmax(0, 1fr); text-align: left; }
              table.wide td::before { content: attr(data-label); font-weight: 600; color: #555;
                                      overflow-wrap: anywhere; }
              td.wrap { min-width: 0; }
              .wide-only { display: none; }
              .narrow-only { display: block; }
            }
            .filter { width: 100%; max-width: 26rem; font: inherit; padding: .3rem .5rem; margin: .6rem 0 0; }
            .table-wrap.scroll { max-height: 36rem; overflow-y: auto; }
            table.sortable th { cursor: pointer; }
            table.sortable th[data-dir=asc]::after { content: " ▲"; }
            table.sortable th[data-dir=desc]::after { content: " ▼"; }
            @media print {
              .table-wrap.scroll { max-height: none; }
              .filter { display: none; }
              main { max-width: none; padding: 0; }
              nav { display: none; }
              .table-wrap { overflow: visible; }
              tr, figure { page-break-inside: avoid; break-inside: avoid; }
              h2, h3 { page-break-after: avoid; break-after: avoid; }
              a { color: inherit; text-decoration: none; }
            }
            """;

    /** Opens every folded section before printing, so that paper shows everything. */
    private static final String PRINT_SCRIPT = "window.addEventListener('beforeprint',function(){"
            + "document.querySelectorAll('details').forEach(function(d){d.open=true;});});";

    /**
     * Sorts the sortable table by a clicked header (numbers as numbers, ▲/▼ shows the order) and filters its rows
     * by the words typed in the box before it (every word must occur in the row); offline, a few lines.
     */
    private static final String SORT_SCRIPT = "document.querySelectorAll('table.sortable').forEach(function(t){"
            + "var box=t.parentNode.previousElementSibling,body=t.tBodies[0],rows=[].slice.call(body.rows),"
            + "heads=t.tHead.rows[0].cells;function num(s){s=s.replace(/\u2212/g,'-').replace(/^[<+]/,'');"
            + "return /^-?[0-9.]/.test(s)?parseFloat(s):NaN;}"
            + "[].forEach.call(heads,function(th,i){th.addEventListener('click',function(){"
            + "var dir=th.getAttribute('data-dir')==='asc'?-1:1;[].forEach.call(heads,function(h){"
            + "h.removeAttribute('data-dir');});th.setAttribute('data-dir',dir>0?'asc':'desc');"
            + "rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent,nx=num(x),ny=num(y);"
            + "if(!isNaN(nx)&&!isNaN(ny))return dir*(nx-ny);if(!isNaN(nx))return -1;if(!isNaN(ny))return 1;"
            + "return dir*x.localeCompare(y);});var f=document.createDocumentFragment();"
            + "rows.forEach(function(r){f.appendChild(r);});body.appendChild(f);});});"
            + "if(box&&box.classList.contains('filter'))box.addEventListener('input',function(){"
            + "var q=box.value.toLowerCase().split(/\s+/).filter(Boolean);rows.forEach(function(r){"
            + "var s=r.textContent.toLowerCase();r.style.display=q.every(function(w){return s.indexOf(w)>=0;})?'':'none';"
            + "});});});";

    private HtmlRenderer() {
    }

    /** The report's style sheet, for a page that shows parts of a report (the live page). */
    public static String css() {
        return CSS;
    }

    /**
     * Blocks as an HTML fragment in the report's markup (for a page with {@link #css()}): no document around them,
     * no table of contents, and no PNG images (they live in files; the fragment is built in memory).
     */
    public static String fragment(List<Doc.Block> blocks) {
        StringBuilder out = new StringBuilder();
        try {
            for (Doc.Block b : blocks) {
                block(out, b, null);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // no file is read without a run directory
        }
        return out.toString();
    }

    public static String render(String title, List<Doc.Block> blocks, Path runDir) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(escape(title)).append("</h1>\n");
        out.append("<nav><ul>\n");
        for (Doc.Block b : blocks) {
            if (b instanceof Doc.Heading h && h.level() == 2) {
                out.append("<li><a href=\"#").append(escape(h.anchor())).append("\">").append(escape(h.text()))
                        .append("</a></li>\n");
            }
        }
        out.append("</ul></nav>\n");
        for (Doc.Block b : blocks) {
            block(out, b, runDir);
        }
        boolean sortable = blocks.stream().anyMatch(b -> b instanceof Doc.Table t
                && LargeGrid.TABLE_CAPTION.equals(t.caption()));
        out.append("</main>\n<script>").append(PRINT_SCRIPT).append(sortable ? SORT_SCRIPT : "")
                .append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void block(StringBuilder out, Doc.Block b, Path runDir) throws IOException {
        if (b instanceof Doc.Heading h) {
            out.append("<h").append(h.level()).append(" id=\"").append(escape(h.anchor())).append("\">")
                    .append(escape(h.text())).append("</h").append(h.level()).append(">\n");
        } else if (b instanceof Doc.Paragraph p) {
            out.append("<p").append(styleClass(p.style())).append(">").append(escape(p.text())).append("</p>\n");
        } else if (b instanceof Doc.Bullets l) {
            out.append("<ul").append(styleClass(l.style())).append(">\n");
            for (String item : l.items()) {
                out.append("<li>").append(escape(item)).append("</li>\n");
            }
            out.append("</ul>\n");
        } else if (b instanceof Doc.Table t) {
            table(out, t);
        } else if (b instanceof Doc.Image i) {
            Path png = runDir == null ? null : runDir.resolve(i.file());
            if (png != null && Files.isRegularFile(png)) {
                out.append("<figure>\n<img alt=\"").append(escape(i.title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\">\n")
                        .append("<figcaption><strong>").append(escape(i.title())).append(".</strong> ")
                        .append(escape(i.caption())).append(" <span class=\"note\">(")
                        .append(escape(i.file())).append(")</span></figcaption>\n</figure>\n");
            }
        } else if (b instanceof Doc.Svg f) {
            out.append("<figure class=\"svg\">\n<div class=\"").append(f.svgs().size() > 1 ? "panels" : "single")
                    .append(f.narrow() != null ? " wide-only" : "").append("\">\n");
            f.svgs().forEach(out::append);
            out.append("</div>\n");
            if (f.narrow() != null) {
                out.append("<div class=\"single narrow-only\">\n").append(f.narrow()).append("</div>\n");
            }
            out.append("<figcaption><strong>").append(escape(f.title())).append(".</strong> ")
                    .append(escape(f.caption())).append(" <span class=\"note\">(")
                    .append(escape(String.join(", ", f.files()))).append(")</span></figcaption>\n</figure>\n");
            if (f.table() != null) {
                out.append("<details>\n<summary>").append(escape(f.table().caption())).append("</summary>\n");
                table(out, new Doc.Table(null, f.table().header(), f.table().rows(), rowClasses(f.table())));
                out.append("</details>\n");
            }
        } else if (b instanceof Doc.Collapsible c) {
            out.append("<details>\n<summary>").append(escape(c.summary())).append("</summary>\n");
            for (Doc.Block inner : c.blocks()) {
                block(out, inner, runDir);
            }
            out.append("</details>\n");
        }
    }

    private static void table(StringBuilder out, Doc.Table t) {
        boolean wide = t.header().size() >= WIDE_COLUMNS;
        boolean sortable = LargeGrid.TABLE_CAPTION.equals(t.caption());
        String tableClass = ((wide ? "wide" : "") + (t.header().size() >= MANY_COLUMNS ? " many" : "")
                + (sortable ? " sortable" : "")).trim();
        if (sortable) {
            out.append("<input type=\"search\" class=\"filter\" placeholder=\"filter, e.g. 0.5 helped\" "
                    + "aria-label=\"filter the table below\">\n");
        }
        out.append(sortable ? "<div class=\"table-wrap scroll\">\n<table" : "<div class=\"table-wrap\">\n<table")
                .append(tableClass.isEmpty() ? "" : " class=\"" + tableClass + "\"").append(">\n");
        if (t.caption() != null && !t.caption().isEmpty()) {
            out.append("<caption>").append(escape(t.caption())).append("</caption>\n");
        }
        out.append("<thead><tr>");
        for (String h : t.header()) {
            out.append("<th scope=\"col\">").append(breakable(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < t.rows().size(); i++) {
            String cls = t.rowClass(i);
            out.append(cls == null ? "<tr>" : "<tr class=\"" + escape(cls) + "\">");
            List<String> cells = t.rows().get(i);
            for (int j = 0; j < cells.size(); j++) {
                String cell = cells.get(j);
                String label = wide && j < t.header().size() ? " data-label=\"" + escape(t.header().get(j)) + "\"" : "";
                String css = NUMERIC.matcher(cell).matches() ? " class=\"num\"" : cell.length() > 60
                        ? " class=\"wrap\"" : "";
                out.append("<td").append(css).append(label).append(">").append(breakable(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
    }

    /**
     * Escapes a table cell and lets its long words break where a reader expects: after the commas, colons, equals
     * signs, slashes and underscores of axis keys and values and after a dot before a letter ({@code
     * model.<wbr>dropoutPosition}, never inside {@code 0.2}), so that
     * the column can be narrower than the word and the table fits the window without breaking ordinary words.
     */
    static String breakable(String s) {
        StringBuilder out = new StringBuilder();
        for (String word : s.split(" ", -1)) {
            if (out.length() > 0) {
                out.append(' ');
            }
            if (word.length() <= BREAK_AFTER) {
                out.append(escape(word));
                continue;
            }
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if ((c == '{' || c == '[' || c == '(') && i > 0) {
                    out.append("<wbr>");
                }
                out.append(escape(String.valueOf(c)));
                boolean last = i == word.length() - 1;
                if (!last && (",:=/_".indexOf(c) >= 0 || c == '.' && Character.isLetter(word.charAt(i + 1)))) {
                    out.append("<wbr>");
                }
            }
        }
        return out.toString();
    }

    private static List<String> rowClasses(Doc.Table t) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            out.add(t.rowClass(i));
        }
        return out;
    }

    private static String styleClass(Doc.Style style) {
        return switch (style) {
            case NORMAL -> "";
            case NOTE -> " class=\"note\"";
            case WARNING -> " class=\"warning\"";
        };
    }

    /** Escapes text for element content and quoted attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
