package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.label;
import static io.ablate4j.report.render.Blocks.note;
import static io.ablate4j.report.render.Blocks.para;

import io.ablate4j.report.read.TrialRow;
import io.ablate4j.report.stats.Completeness;
import io.ablate4j.report.stats.Fmt;
import io.ablate4j.results.Damaged;
import io.ablate4j.results.Quarantine;
import java.util.ArrayList;
import java.util.List;

/**
 * What the run planned against what it delivered: counts, warnings, failed and diverged trials, damaged rows.
 */
final class CompletenessSection {
    private CompletenessSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        Completeness k = c.completeness();
        d.add(h2("Completeness", "completeness"));
        d.add(para(k.planned() + " trials planned, " + k.present() + " present: " + k.ok() + " ok, " + k.failed()
                + " failed, " + k.diverged() + " diverged, " + k.missing() + " missing. Only ok trials enter the "
                + "statistics." + (k.damaged().isEmpty() ? "" : " " + k.damaged().size() + " row(s) of the result "
                + "files did not verify and were left out with their trials (listed below).")));
        if (k.warnings().isEmpty()) {
            d.add(para("Complete: every planned trial finished ok."));
        } else {
            d.add(new Doc.Bullets(k.warnings(), Doc.Style.WARNING));
        }
        if (!k.problems().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (TrialRow t : k.problems()) {
                rows.add(List.of(t.trialId(), label(c, t.variantId()), Long.toString(t.seed()),
                        t.status().csvName(), Fmt.num(t.epochsRun(), 0), t.error()));
            }
            d.add(new Doc.Table("Failed and diverged trials", List.of("trial", "variant", "seed", "status",
                    "epochs run", "error"), rows));
        }
        if (!k.damaged().isEmpty() || !k.quarantined().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Damaged r : k.damaged()) {
                rows.add(List.of(r.where(), r.trialId(), Completeness.kindWord(r.kind()), r.reason(),
                        "left out; the next run moves it to damaged.csv"));
            }
            for (Quarantine.Entry e : k.quarantined()) {
                Damaged r = e.row();
                rows.add(List.of(r.where(), r.trialId(), Completeness.kindWord(r.kind()), r.reason(),
                        "moved to damaged.csv " + e.movedAt()));
            }
            d.add(new Doc.Table("Damaged rows", List.of("row", "trial", "kind", "reason", "where it is"), rows));
        }
        c.notes().forEach(n -> d.add(note(n)));
    }
}
