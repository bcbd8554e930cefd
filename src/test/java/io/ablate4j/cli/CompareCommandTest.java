package io.ablate4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.Reproduction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate4j compare} on copies of a committed preset run (schema 1, so rows carry no checksum and can be
 * edited): the exit codes 0 / 3 / 2 and what the output names.
 */
class CompareCommandTest {
    private static final Path PRESET = Path.of("results", "srivastava-dropout-rate");
    /** The variant {@code model.dropout=0.4} of the preset. */
    private static final String DROPOUT_04 = "911c2d72520a";
    /** {@code model.dropout=0.6}, which no claim names. */
    private static final String DROPOUT_06 = "be7f66ad0a87";

    @TempDir
    Path tmp;

    private Path copy(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : List.of("manifest.json", "trials.csv", "epochs.csv")) {
            Files.copy(PRESET.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    /** Subtracts {@code delta} from the test accuracy of every trial of one variant in trials.csv. */
    private static void shiftTestAccuracy(Path dir, String variantId, double delta) throws IOException {
        Path file = dir.resolve("trials.csv");
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        int variant = header.indexOf("variant_id");
        int test = header.indexOf("test_acc");
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[variant].equals(variantId)) {
                cells[test] = String.format(Locale.ROOT, "%.6f", Double.parseDouble(cells[test]) - delta);
            }
            out.add(String.join(",", cells));
        }
        Files.write(file, out);
    }

    @Test
    void aRunComparedWithACopyOfItselfIsReproducedWithIdenticalValues() throws IOException {
        CliTest.Result r = CliTest.cli("compare", PRESET.toString(), copy("b").toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().startsWith("compare srivastava-dropout-rate: does B reproduce A?"), r.out());
        assertTrue(r.out().contains("reproduced: 6 of 6 variant(s) of A reproduced (6 identical), 3 of 3 claim(s)"),
                r.out());
        assertEquals(6, r.out().lines().filter(l -> l.startsWith("model.dropout=") && l.endsWith("identical"))
                .count(), r.out());
    }

    @Test
    void aShiftedVariantExitsThreeNamingTheVariantAndTheClaim() throws IOException {
        Path b = copy("b");
        shiftTestAccuracy(b, DROPOUT_04, 0.05);
        CliTest.Result r = CliTest.cli("compare", PRESET.toString(), b.toString());
        assertEquals(3, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("not reproduced: variant model.dropout=0.4 differs: B - A = -5.00 pts"), r.out());
        assertTrue(r.out().contains("claim \"moderate dropout (0.4) beats no dropout (left arm of the U)\": verdict "
                + "reversed (A confirmed"), r.out());
        assertFalse(r.out().contains("claim \"training accuracy falls"), "train_acc claims are untouched");
    }

    @Test
    void aBorderlineClaimThatTurnsInconclusiveIsNotReproducedButItsDifferenceAgrees() throws IOException {
        // Claim 1 is confirmed in A at adjusted p 0.009 with +0.65 pts; 0.3 pts less leaves +0.35 pts, inconclusive.
        Path b = copy("b");
        shiftTestAccuracy(b, DROPOUT_04, 0.003);
        CliTest.Result r = CliTest.cli("compare", PRESET.toString(), b.toString(), "--rope", "0.5");
        assertEquals(3, r.code(), r.out());
        assertTrue(r.out().contains("not reproduced: claim \"moderate dropout (0.4) beats no dropout (left arm of the "
                + "U)\": verdict changed, difference agrees (a claim near the threshold: more seeds would decide it) "
                + "(A confirmed +0.65 pts, B inconclusive +0.35 pts)"), r.out());
    }

    @Test
    void otherSeedsGiveTheWelchIntervalScipyGives() throws IOException {
        // B: A's trials relabelled as seeds 11-15 (so nothing pairs), dropout 0.4 shifted by -0.4 pts.
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(b.resolve("manifest.json"), Files.readString(PRESET.resolve("manifest.json"))
                .replace("\"seeds\" : [ 1, 2, 3, 4, 5 ]", "\"seeds\" : [ 11, 12, 13, 14, 15 ]"));
        List<String> lines = Files.readAllLines(PRESET.resolve("trials.csv"));
        List<String> out = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            cells[2] = String.valueOf(Long.parseLong(cells[2]) + 10);
            out.add(String.join(",", cells));
        }
        Files.write(b.resolve("trials.csv"), out);
        shiftTestAccuracy(b, DROPOUT_04, 0.004);
        Reproduction r = Reproduction.compare(PRESET, b);
        // scipy 1.17: ttest_ind(b, a, equal_var=False) on the five values of each side, and its
        // confidence_interval(0.95): [-0.011693211354608206, 0.0036932113546079767], p 0.2648414173864536, df 8.
        String text = r.render(Reproduction.Format.TEXT);
        assertTrue(text.contains("model.dropout=0.4    5                82.78    5                82.38      -0.40  "
                + "[-1.17, +0.37]  Welch"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("model.dropout=0.4 ") && l.endsWith("within seed noise")),
                text);
        // The variant is within seed noise; the claim that rests on it (+0.65 pts in A) is not significant in B.
        assertEquals(List.of("claim \"moderate dropout (0.4) beats no dropout (left arm of the U)\": verdict changed, "
                + "difference agrees (a claim near the threshold: more seeds would decide it) (A confirmed +0.65 pts, "
                + "B inconclusive +0.25 pts)"), r.failures());
    }

    @Test
    void aRopeOnTheCommandLineAcceptsASmallShift() throws IOException {
        Path b = copy("b");
        shiftTestAccuracy(b, DROPOUT_06, 0.003);
        CliTest.Result strict = CliTest.cli("compare", PRESET.toString(), b.toString());
        assertEquals(3, strict.code(), strict.out());
        CliTest.Result lenient = CliTest.cli("compare", PRESET.toString(), b.toString(), "--rope", "0.5");
        assertEquals(0, lenient.code(), lenient.out());
        assertTrue(lenient.out().contains("within ROPE"), lenient.out());
        CliTest.Result gap = CliTest.cli("compare", PRESET.toString(), b.toString(), "--metric", "gap_acc");
        assertEquals(0, gap.code(), gap.out());
        assertTrue(gap.out().contains("gap_acc A (%)"), gap.out());
    }

    @Test
    void anotherNativeBuildIsComparableAndNamedInTheNotes() throws IOException {
        Path b = copy("b");
        Path manifest = b.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest)
                .replace("\"ABLATE4J_NATIVE\" : null", "\"ABLATE4J_NATIVE\" : \"avx512\"")
                .replace("\"gitCommit\" : \"8a4f5c6eba673e85a0be9bdc0698b0c1db663cbf\"",
                        "\"gitCommit\" : \"0123456789ab\", \"nativeBuild\" : \"linux-x86_64-avx512\""));
        CliTest.Result r = CliTest.cli("compare", PRESET.toString(), b.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("- the runs differ in gitCommit: A = 8a4f5c6eba673e85a0be9bdc0698b0c1db663cbf, "
                + "B = 0123456789ab"), r.out());
        assertTrue(r.out().contains("- the runs differ in nativeBuild: A = (absent), B = linux-x86_64-avx512"),
                r.out());
        assertTrue(r.out().contains("- the runs differ in environment: A = {\"OMP_NUM_THREADS\":\"1\","
                + "\"OPENBLAS_CORETYPE\":\"SKYLAKEX\",\"ABLATE4J_NATIVE\":null}, B = {"), r.out());
    }

    @Test
    void anotherEpochCountIsNotComparableAndNamesTheKeyWithBothValues() throws IOException {
        Path b = copy("b");
        Path manifest = b.resolve("manifest.json");
        String text = Files.readString(manifest);
        assertTrue(text.contains("\"epochs\" : 30,"));
        Files.writeString(manifest, text.replace("\"epochs\" : 30,", "\"epochs\" : 5,")
                .replace("\"seeds\" : [ 1, 2, 3, 4, 5 ]", "\"seeds\" : [ 1, 2, 3, 4, 5, 6 ]")
                .replace("\"experiment\" : \"srivastava-dropout-rate\"", "\"experiment\" : \"renamed\""));
        CliTest.Result r = CliTest.cli("compare", PRESET.toString(), b.toString());
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("are different experiments (1 key(s) that define the experiment differ"), r.err());
        assertTrue(r.err().contains("training.epochs: A = 30, B = 5"), r.err());
        assertFalse(r.err().contains("  seeds:") || r.err().contains("  experiment:"),
                "seeds and the name do not count");
        assertEquals("", r.out());
    }

    @Test
    void aMissingOrEmptyDirectoryExitsTwoNamingThePath() throws IOException {
        Path missing = tmp.resolve("nowhere");
        CliTest.Result r = CliTest.cli("compare", PRESET.toString(), missing.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(missing + ": not a directory"), r.err());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = CliTest.cli("compare", empty.toString(), PRESET.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(empty + " is not a run directory"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void latexAndMarkdownGoToAFileAndStdoutGetsTheSummary() throws IOException {
        Path tex = tmp.resolve("table.tex");
        CliTest.Result r = CliTest.cli("compare", PRESET.toString(), copy("b").toString(), "--format", "latex",
                "--out", tex.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("reproduced: 6 of 6 variant(s)"), r.out());
        assertTrue(r.out().contains("latex: " + tex), r.out());
        String latex = Files.readString(tex);
        assertTrue(latex.contains("\\begin{tabular}") && latex.contains("\\toprule"), latex);
        assertTrue(latex.contains("model.dropout=0.4 & 5 & "), latex);

        CliTest.Result unwritable = CliTest.cli("compare", PRESET.toString(), PRESET.toString(), "--out",
                tmp.resolve("no/such/dir/t.tex").toString());
        assertEquals(2, unwritable.code(), unwritable.err());
        assertTrue(unwritable.err().contains("t.tex: cannot write the comparison"), unwritable.err());

        r = CliTest.cli("compare", PRESET.toString(), PRESET.toString(), "--format", "markdown");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# compare srivastava-dropout-rate: does B reproduce A?"), r.out());
        assertTrue(r.out().contains("| model.dropout=0.4 | 5 |"), r.out());
    }

    @Test
    void twoTrainingRunsOfOneConfigAreIdenticalAndMoreSeedsStayComparable() throws IOException {
        Path config = tmp.resolve("good.yaml");
        Files.writeString(config, CliTest.GOOD);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, CliTest.cli("run", config.toString(), "--out", a.toString(), "--no-report").code());
        assertEquals(0, CliTest.cli("run", config.toString(), "--out", b.toString(), "--no-report").code());
        CliTest.Result same = CliTest.cli("compare", a.toString(), b.toString());
        assertEquals(0, same.code(), same.err() + same.out());
        assertTrue(same.out().contains("reproduced: 2 of 2 variant(s) of A reproduced (2 identical)"), same.out());

        Path more = tmp.resolve("more.yaml");
        Files.writeString(more, CliTest.GOOD.replace("seeds: [1, 2]", "seeds: [1, 2, 3]").replace("name: cli",
                "name: cli-more-seeds"));
        Path c = tmp.resolve("c");
        assertEquals(0, CliTest.cli("run", more.toString(), "--out", c.toString(), "--no-report").code());
        CliTest.Result seeds = CliTest.cli("compare", a.toString(), c.toString());
        assertTrue(seeds.code() == 0 || seeds.code() == 3, seeds.err() + seeds.out());
        assertTrue(seeds.out().contains("the runs differ in seeds: A = [1, 2], B = [1, 2, 3]"), seeds.out());
        assertTrue(seeds.out().contains("Welch"), seeds.out());
    }

    @Test
    void helpShowsTheDefaultsAndTheExitCodes() {
        CliTest.Result r = CliTest.cli("compare", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Default: text"), r.out());
        assertTrue(r.out().contains("0 reproduced; 3 not reproduced"), r.out());
        assertTrue(r.out().contains("95% CI"), r.out());
        assertTrue(r.err().isEmpty(), r.err());
        CliTest.Result bad = CliTest.cli("compare", PRESET.toString(), PRESET.toString(), "--format", "pdf");
        assertEquals(2, bad.code());
        CliTest.Result metric = CliTest.cli("compare", PRESET.toString(), PRESET.toString(), "--metric", "acc");
        assertEquals(2, metric.code());
        assertTrue(metric.err().contains("error: metric 'acc' is not a metric of trials.csv; choose one of"),
                metric.err());
        CliTest.Result negative = CliTest.cli("compare", PRESET.toString(), PRESET.toString(), "--rope", "-1");
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("--rope -1.0: a ROPE is a half-width, at least 0"), negative.err());
    }
}
