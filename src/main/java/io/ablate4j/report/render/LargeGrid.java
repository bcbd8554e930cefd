package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.note;

import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.BaselineOutcome;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.report.stats.Summary;
import io.ablate4j.report.stats.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A report that reads at 1,000 variants. A grid of more than {@value #VARIANTS} variants is read by effect size
 * and by factor, not one variant after another: after the Decision's forest plot (which shows the best and worst
 * variants, report.charts.Figures) come the parallel-coordinates chart and every variant in one table that the
 * reader sorts by any column and filters by text (HTML: a few lines of inline script, no network); the per-variant
 * charts drawn as pictures are linked rather than embedded, and the other tables of one row per variant or trial
 * show their first {@value #TABLE_ROWS} rows (every row is in the CSV files). report.html stays a few hundred
 * kilobytes where it would be megabytes. Applied to the finished document, so that the sections stay as they are.
 */
public final class LargeGrid {
    /** More variants than this make a large grid. */
    public static final int VARIANTS = 40;
    /** The caption that marks the sortable, filterable table (HtmlRenderer gives it its script). */
    public static final String TABLE_CAPTION = "Every variant: click a column's header to sort by it, type in the box "
            + "to filter";
    static final int TABLE_ROWS = 50;
    /** The pictures of one curve or bar per variant: unreadable at this size, linked instead. */
    private static final List<String> PER_VARIANT_PICTURES = List.of("learning_curves", "by_variant");

    private LargeGrid() {
    }

    public static boolean large(int variants) {
        return variants > VARIANTS;
    }

    /**
     * Rewrites {@code blocks} for a large grid (nothing otherwise).
     *
     * @param parallel the parallel-coordinates chart, when the grid has 3 or more axes
     */
    public static void apply(List<Doc.Block> blocks, Manifest m, List<Summary.Row> summary, Score sc,
                             Optional<Doc.Svg> parallel) {
        if (!large(m.variants().size())) {
            return;
        }
        for (int i = 0; i < blocks.size(); i++) {
            blocks.set(i, condense(blocks.get(i), m.variants().size()));
        }
        int decision = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof Doc.Heading h && h.level() == 2) {
                if ("decision".equals(h.anchor())) {
                    decision = i;
                } else if (decision >= 0) {
                    blocks.addAll(i, added(m, summary, sc, parallel));
                    return;
                }
            }
        }
        blocks.addAll(decision >= 0 ? blocks.size() : Math.min(1, blocks.size()), added(m, summary, sc, parallel));
    }

    private static List<Doc.Block> added(Manifest m, List<Summary.Row> summary, Score sc, Optional<Doc.Svg> parallel) {
        List<Doc.Block> out = new ArrayList<>();
        parallel.ifPresent(out::add);
        out.add(table(m, summary, sc));
        return out;
    }

    /** Every variant: its axis values, n, validation and test means, the comparison with the baseline. */
    static Doc.Table table(Manifest m, List<Summary.Row> summary, Score sc) {
        List<String> header = new ArrayList<>();
        m.axes().forEach(a -> header.add(Axes.shortName(a, m.axes())));
        header.addAll(List.of("n", "val" + sc.unit(), "test" + sc.unit(), "Δ test" + (sc.fraction() ? " (pts)" : ""), "p adj", "verdict"));
        List<List<String>> rows = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Summary.Row r : summary) {
            List<String> row = new ArrayList<>();
            m.axes().forEach(a -> row.add(r.variant().axes().getOrDefault(a, "")));
            BaselineOutcome outcome = Verdict.outcome(r).shown();
            row.add(Integer.toString(r.n()));
            row.add(Double.isFinite(r.valMean()) ? Fmt.plain(sc, r.valMean()) : "–");
            row.add(Double.isFinite(r.testMean()) ? Fmt.plain(sc, r.testMean()) : "–");
            row.add(r.baseline() ? "baseline" : Double.isFinite(r.delta()) ? Fmt.plainDifference(sc, r.delta()) : "–");
            row.add(r.baseline() || !Double.isFinite(r.pAdjusted()) ? "" : Fmt.p(r.pAdjusted()));
            row.add(r.baseline() ? "" : outcome.text() + (r.selected() ? ", selected" : ""));
            rows.add(row);
            classes.add(r.baseline() ? "baseline" : r.selected() ? "selected" : Blocks.rowClass(outcome));
        }
        return new Doc.Table(TABLE_CAPTION, header, rows, classes);
    }

    /** A block as a large grid shows it: per-variant pictures linked, long tables cut (their CSV has every row). */
    private static Doc.Block condense(Doc.Block b, int variants) {
        if (b instanceof Doc.Image i && PER_VARIANT_PICTURES.stream().anyMatch(i.file()::contains)) {
            return note(i.title() + ": " + i.file() + " (not embedded: one curve or bar for each of " + variants
                    + " variants)");
        }
        if (b instanceof Doc.Table t && t.rows().size() > TABLE_ROWS && !TABLE_CAPTION.equals(t.caption())) {
            return cut(t);
        }
        if (b instanceof Doc.Collapsible c) {
            return new Doc.Collapsible(c.summary(), c.blocks().stream().map(x -> condense(x, variants)).toList());
        }
        if (b instanceof Doc.Svg s && s.table() != null && s.table().rows().size() > TABLE_ROWS) {
            return new Doc.Svg(s.title(), s.caption(), s.files(), s.svgs(), s.narrow(), cut(s.table()));
        }
        return b;
    }

    private static Doc.Table cut(Doc.Table t) {
        List<String> classes = t.rowClasses() == null ? null : t.rowClasses().subList(0, TABLE_ROWS);
        String caption = (t.caption() == null || t.caption().isEmpty() ? "" : t.caption() + ": ")
                + String.format(Locale.ROOT, "the first %d of %,d rows (every row is in the run's CSV files; every "
                + "variant in the sortable table under Decision)", TABLE_ROWS, t.rows().size());
        return new Doc.Table(caption, t.header(), t.rows().subList(0, TABLE_ROWS), classes);
    }
}
