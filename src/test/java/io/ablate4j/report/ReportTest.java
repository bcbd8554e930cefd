package io.ablate4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.RunFixture;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A complete 3 × 3 grid with 3 seeds, one failed and one diverged trial, reported once. */
class ReportTest {
    @TempDir
    static Path dir;
    private static ReportResult result;

    @BeforeAll
    static void generate() throws IOException {
        System.setProperty("java.awt.headless", "true");
        new RunFixture().experiment("quickstart", "Dropout & L2 on a <small> MLP")
                .axis("model.dropout", "0.0", "0.2", "0.5")
                .axis("regularization.l2", "0", "1e-4", "1e-3")
                .baselineFirstLevels().failed(4, 2).diverged(7, 3).write(dir);
        result = Report.generate(dir);
    }

    private static List<String> plots() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("plots"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesEveryChart() throws IOException {
        assertEquals(List.of("forest.svg", "gap_by_factor.png", "heatmap_model.dropout__regularization.l2.png",
                "interaction_model.dropout__regularization.l2.svg", "learning_curves_accuracy_1.png",
                "learning_curves_loss_1.png", "main_effect_model.dropout.svg", "main_effect_regularization.l2.svg",
                "test_accuracy_by_variant.png"), plots());
    }

    @Test
    void everyChartIsARealPicture() throws IOException {
        for (String name : plots().stream().filter(n -> n.endsWith(".png")).toList()) {
            BufferedImage img = ImageIO.read(dir.resolve("plots").resolve(name).toFile());
            assertTrue(img != null, name + " decodes");
            assertTrue(img.getWidth() > 200 && img.getHeight() > 200, name + " size");
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    colours.add(img.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 30, name + " has " + colours.size() + " colours");
        }
    }

    @Test
    void htmlIsSelfContained() throws IOException {
        String html = Files.readString(result.html());
        Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)").matcher(html);
        assertFalse(external.find(), () -> "external resource: " + external.group());
        assertFalse(html.contains("http://") || html.contains("https://"));
        assertFalse(html.contains("<link"));
        int images = html.split("src=\"data:image/png;base64,", -1).length - 1;
        // learning curves (accuracy, loss), test accuracy by variant, heatmap, gap by factor; main effects are SVG
        assertEquals(5, images);
        assertEquals(2 + 2 + 1, html.split("<svg class=\"chart\"", -1).length - 1,
                "forest (wide and narrow), 2 main effects, 1 interaction");
        assertTrue(html.contains("@media print"));
        assertTrue(html.contains("max-width: 100%"));
    }

    @Test
    void htmlLeadsWithTheVerdictTable() throws IOException {
        String html = Files.readString(result.html()).replace("<wbr>", "");
        int verdict = html.indexOf("<caption>Regularizers against the baseline</caption>");
        assertTrue(verdict > 0);
        assertTrue(verdict < html.indexOf("id=\"summary\""), "verdict comes before the summary");
        // the single changes of the baseline: 2 dropout rates and 2 L2 strengths
        assertTrue(html.contains("model.dropout: 0.0 → 0.5"));
        assertTrue(html.contains("regularization.l2: 0 → 1e-3"));
        for (String section : List.of("experiment", "verdict", "selected", "completeness", "summary", "factors",
                "overfitting", "charts", "provenance")) {
            assertTrue(html.contains("id=\"" + section + "\""), section);
        }
    }

    @Test
    void theDecisionSetsTheGapsTestBesideTheScores() throws IOException {
        String md = Files.readString(result.markdown());
        int decision = md.indexOf("## Decision");
        assertTrue(decision > 0 && decision < md.indexOf("## Experiment"), "the decision first");
        assertTrue(md.contains("of 8 variant(s): test accuracy 3 helped, 0 hurt, 0 equivalent, 5 undecided; "
                + "overfitting gap 2 narrowed, 0 widened, 0 equivalent, 6 undecided."), md);
        assertTrue(md.contains("**Each change against the baseline: test accuracy and the overfitting gap**\n\n"
                + "| change | n | Δ test acc \\[95% CI\\] (pts) | verdict | Δ gap \\[95% CI\\] (pts) | "
                + "gap verdict |"), md);
        assertTrue(md.contains("| model.dropout=0.5, regularization.l2=1e-3 (selected) | 3 | +3.80 \\[+3.24, "
                + "+4.36\\] | helped | -5.61 \\[-6.92, -4.31\\] | narrowed |"), md);
        assertTrue(md.contains("| regularization.l2: 0 → 1e-4 | 3 | +0.97 \\[-0.50, +2.44\\] | undecided (≈9 "
                + "seeds) | -1.08 \\[-1.56, -0.59\\] | undecided (≈4 seeds) |"), md);
    }

    @Test
    void textIsEscaped() throws IOException {
        String html = Files.readString(result.html());
        assertTrue(html.contains("Dropout &amp; L2 on a &lt;small&gt; MLP"));
        assertTrue(html.contains("&lt;b&gt;text&lt;/b&gt;"));
        assertFalse(html.contains("<small>") || html.contains("<b>text"));
        String md = Files.readString(result.markdown());
        assertTrue(md.contains("\\<small\\>"));
    }

    @Test
    void markdownHasTheSameTablesAndReferencesThePlots() throws IOException {
        String md = Files.readString(result.markdown());
        assertTrue(md.startsWith("# ablate4j report: quickstart"));
        assertTrue(md.contains("**Regularizers against the baseline**"));
        assertTrue(md.contains("| change | n | test acc (%) |"));
        assertTrue(md.contains("](plots/test_accuracy_by_variant.png)"));
        assertFalse(md.contains("base64"));
    }

    @Test
    void consoleVerdictIsShortPlainAscii() {
        List<String> lines = result.verdictText().lines().toList();
        assertTrue(lines.size() >= 3 && lines.size() <= 10, lines.toString());
        assertTrue(lines.get(0).startsWith("quickstart: 25 of 27 trials ok, 1 failed, 1 diverged"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches(".*: test acc [+-]\\d+\\.\\d\\d pts vs baseline \\(.*\\); "
                + "gap [+-]\\d+\\.\\d\\d pts \\[.*\\], p_adj=\\S+: (narrowed|widened|equivalent|undecided)")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("selected by validation accuracy: ")));
        assertTrue(result.verdictText().chars().allMatch(ch -> ch < 128), result.verdictText());
    }

    @Test
    void aCompleteRunWarnsOnlyAboutItsFailedAndDivergedTrials() {
        assertEquals(2, result.warnings().size(), result.warnings().toString());
    }

    @Test
    void factorsCoverEveryLevelAndTheInteraction() throws IOException {
        List<String> rows = Files.readAllLines(dir.resolve("factors.csv"));
        assertEquals(1 + 3 + 3 + 9, rows.size());
        assertEquals(9, rows.stream().filter(r -> r.startsWith("interaction,model.dropout,")).count());
    }

    @Test
    void bnDiagnosticsSectionAppearsOnlyWithDiagnosticsCsv(@TempDir Path other) throws IOException {
        assertFalse(Files.readString(dir.resolve("report.md")).contains("BN diagnostics"));
        new RunFixture().experiment("bn", "BN diagnostics").axis("model.dropout", "0.0", "0.5").write(other);
        StringBuilder csv = new StringBuilder("trial_id,variant_id,seed,epoch,val_acc_inference,val_acc_train_mode,"
                + "train_mode_gap,bn_variance_shift,bn_variance_shift_per_layer\r\n");
        for (int v = 0; v < 2; v++) {
            for (long seed = 1; seed <= 3; seed++) {
                for (int epoch = 1; epoch <= 200; epoch++) {
                    csv.append(RunFixture.trialId(v, seed)).append(',').append(RunFixture.variantId(v)).append(',')
                            .append(seed).append(',').append(epoch).append(",0.800000,0.750000,-0.050000,")
                            .append(v == 0 ? "1.000000" : "0.500000").append(',')
                            .append(v == 0 ? "1.000000" : "\"0.400000;0.600000\"").append("\r\n");
                }
            }
        }
        Files.writeString(other.resolve("diagnostics.csv"), csv.toString());
        Report.generate(other);
        String md = Files.readString(other.resolve("report.md"));
        assertTrue(md.contains("BN diagnostics"), md);
        assertTrue(md.contains("0.500") && md.contains("-5.00"), md);
        assertTrue(Files.readString(other.resolve("report.html")).contains("BN diagnostics"));
    }
}
