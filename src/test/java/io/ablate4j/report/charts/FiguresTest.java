package io.ablate4j.report.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.Report;
import io.ablate4j.report.ReportResult;
import io.ablate4j.report.read.RunFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's SVG figures: what is drawn, where it goes, and what is left out with a note. */
class FiguresTest {
    @TempDir
    Path dir;

    private List<String> svgs() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("plots"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg")).sorted().toList();
        }
    }

    @Test
    void theDecisionComesFirstWithAForestRowPerVariant() throws Exception {
        new RunFixture().axis("model.dropout", "0.0", "0.2", "0.5").axis("model.batchNorm", "none", "before-activation")
                .baselineFirstLevels().shift(5, 0.02, 0.03).write(dir);
        ReportResult r = Report.generate(dir);
        String html = Files.readString(r.html());
        int decision = html.indexOf("<h2 id=\"decision\">");
        assertTrue(decision > 0 && decision < html.indexOf("<h2 id=\"experiment\">"), "decision first");
        int forest = html.indexOf("<svg class=\"chart\"");
        assertTrue(forest > decision && forest < html.indexOf("<h2 id=\"experiment\">"), "forest in the decision");
        String svg = Files.readString(dir.resolve("plots/forest.svg"));
        assertTrue(svg.startsWith("<?xml") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assertEquals(5, svg.split("<g class=\"row\">", -1).length - 1, "one row per non-baseline variant");
        assertTrue(svg.contains("dropout=0.5, batchNorm=before-activation"), "rows named by their changes");
        assertFalse(svg.contains("class=\"rope\""), "no statistics.rope, no band");
        assertTrue(Files.readString(r.markdown()).contains("**The forest plot as a table**"));
        assertEquals(List.of("forest.svg", "interaction_model.dropout__model.batchNorm.svg",
                "main_effect_model.batchNorm.svg", "main_effect_model.dropout.svg"), svgs());
    }

    @Test
    void theAxisWithMoreLevelsRunsAlongX() throws Exception {
        new RunFixture().axis("model.batchNorm", "none", "before-activation")
                .axis("model.dropout", "0.0", "0.2", "0.5").baselineFirstLevels().write(dir);
        Report.generate(dir);
        String svg = Files.readString(dir.resolve("plots/interaction_model.batchNorm__model.dropout.svg"));
        assertTrue(svg.contains(">batchNorm:</text>"), "one line per batchNorm level");
        assertEquals(3, svg.split("class=\"tick-x\"", -1).length - 1, "the 3 dropout rates along x");
    }

    @Test
    void aOneAtATimeSweepGetsNoInteractionPlotsAndSaysWhy() throws Exception {
        new RunFixture().axis("model.dropout", "0.0", "0.5").axis("regularization.l2", "0", "1e-4")
                .baselineFirstLevels().sweepMode("one-at-a-time").omitVariant(3).write(dir);
        ReportResult r = Report.generate(dir);
        assertTrue(svgs().stream().noneMatch(n -> n.startsWith("interaction_")), svgs().toString());
        assertTrue(svgs().contains("forest.svg"));
        assertTrue(Files.readString(r.markdown()).contains("No interaction plots: this is a one-at-a-time sweep"));
    }

    @Test
    void withoutBaselineOrClaimsThereIsNoDecisionSection() throws Exception {
        new RunFixture().axis("model.dropout", "0.0", "0.5").noBaseline().write(dir);
        ReportResult r = Report.generate(dir);
        assertFalse(Files.readString(r.html()).contains("id=\"decision\""));
        assertFalse(svgs().contains("forest.svg"));
        assertTrue(svgs().contains("main_effect_model.dropout.svg"));
    }

    @Test
    void aBaselineWithoutResultsGetsANoteInsteadOfAForest() throws Exception {
        new RunFixture().axis("model.dropout", "0.0", "0.5").baselineFirstLevels().omitVariant(0).write(dir);
        ReportResult r = Report.generate(dir);
        assertFalse(svgs().contains("forest.svg"));
        assertTrue(Files.readString(r.markdown()).contains("The forest plot is left out: no variant has results to "
                + "compare with the baseline's (the baseline has none)."));
    }

    @Test
    void bigGridsDrawTheFirstInteractionsAndSaySo() throws Exception {
        RunFixture f = new RunFixture().seeds(1L, 2L);
        for (String axis : List.of("a.one", "a.two", "a.three", "a.four", "a.five")) {
            f.axis(axis, "x", "y");
        }
        f.baselineFirstLevels().epochs(3).write(dir);
        ReportResult r = Report.generate(dir);
        assertEquals(Figures.MAX_INTERACTIONS, svgs().stream().filter(n -> n.startsWith("interaction_")).count());
        assertTrue(Files.readString(r.markdown()).contains("Interaction plots show the first 6 of 10 pairs"));
    }

    @Test
    void aRerunReplacesTheFiguresOfTheEarlierReport() throws Exception {
        new RunFixture().axis("model.dropout", "0.0", "0.5").baselineFirstLevels().write(dir);
        Report.generate(dir);
        Files.writeString(dir.resolve("plots/interaction_stale__old.svg"), "<svg/>");
        Files.writeString(dir.resolve("plots/mine.svg"), "<svg/>");
        Report.generate(dir);
        assertEquals(List.of("forest.svg", "main_effect_model.dropout.svg", "mine.svg"), svgs());
    }
}
