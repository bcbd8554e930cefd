package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.note;
import static io.ablate4j.report.render.Blocks.para;
import static io.ablate4j.report.render.ScoreCells.gapUnit;
import static io.ablate4j.report.render.ScoreCells.interval;
import static io.ablate4j.report.render.ScoreCells.pm;
import static io.ablate4j.report.render.ScoreCells.pmGap;

import io.ablate4j.report.read.Score;
import io.ablate4j.report.stats.FactorEffects;
import io.ablate4j.report.stats.Fmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Factor effects: η² of each axis and pair of axes, the main-effect and interaction figures, the marginal means of
 * each level and the cell means of each pair.
 */
final class FactorsSection {
    private FactorsSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        FactorEffects.Effects e = c.effects();
        if (e.main().isEmpty()) {
            return;
        }
        d.add(h2("Factor effects", "factors"));
        Score sc = c.score();
        d.add(para("Main effect of an axis: the mean " + sc.label("test") + " of all ok trials at each of its "
                + "levels, over every other axis and seed, with a t-based 95% CI" + (c.crossValidated() ? " (folds "
                + "averaged within each seed first; η² below is over trial-level values, folds included)" : "")
                + ". η² = SS_between / SS_total of a one-way decomposition of trial-level " + sc.label("test")
                + " (or gap) by the axis: the share of the variance its "
                + "level means explain. Interaction η² = (SS_cells − SS_A − SS_B) / SS_total of the two-way "
                + "decomposition. Machine-readable: " + CsvOutputs.FACTORS + "."));
        String mode = c.manifest().partialSweep();
        if (mode != null) {
            d.add(note("This is a " + mode + " sweep, not a full grid: the axes are not balanced against each "
                    + "other, so marginal means mix in the other axes' settings and interaction η² is approximate."));
        }
        List<List<String>> eta = new ArrayList<>();
        for (FactorEffects.MainEffect m : e.main()) {
            eta.add(List.of(m.axis(), Integer.toString(m.levels().size()), Fmt.eta(m.etaSquared()),
                    Fmt.eta(m.gapEtaSquared())));
        }
        for (FactorEffects.Interaction i : e.interactions()) {
            eta.add(List.of(i.axisA() + " × " + i.axisB(), Integer.toString(i.cells().size()) + " cells",
                    Fmt.eta(i.etaSquared()), Fmt.eta(i.gapEtaSquared())));
        }
        d.add(new Doc.Table("Effect sizes", List.of("effect", "levels", "η² test " + sc.key(), "η² gap"), eta));
        c.figures().mainEffects().ifPresent(d::add);
        c.figures().interactions().ifPresent(d::add);
        c.figures().factorNotes().forEach(n -> d.add(note(n)));
        for (FactorEffects.MainEffect m : e.main()) {
            List<List<String>> rows = new ArrayList<>();
            for (FactorEffects.Level l : m.levels()) {
                rows.add(List.of(l.level(), Integer.toString(l.n()), pm(sc, l.testMean(), l.testStd()),
                        interval(sc, l.testCi()), pmGap(sc, l.gapMean(), l.gapStd())));
            }
            d.add(new Doc.Table("Main effect of " + m.axis(), List.of("level", "n", "test " + sc.key() + sc.unit(),
                    "95% CI" + sc.unit(), "gap" + gapUnit(sc)), rows));
        }
        for (FactorEffects.Interaction i : e.interactions()) {
            List<String> header = new ArrayList<>();
            header.add(i.axisA() + " \\ " + i.axisB());
            header.addAll(i.levelsB());
            List<List<String>> rows = new ArrayList<>();
            for (String a : i.levelsA()) {
                List<String> row = new ArrayList<>();
                row.add(a);
                for (String b : i.levelsB()) {
                    FactorEffects.Level cell = i.cell(a, b);
                    row.add(cell == null ? "–" : Fmt.plain(sc, cell.testMean()) + " (n=" + cell.n() + ")");
                }
                rows.add(row);
            }
            d.add(new Doc.Table("Mean " + sc.label("test") + sc.unit() + " by " + i.axisA() + " × " + i.axisB() + " (interaction η² "
                    + Fmt.eta(i.etaSquared()) + ")", header, rows));
        }
    }
}
