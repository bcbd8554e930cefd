package io.ablate4j.report.render;

import static io.ablate4j.report.render.Blocks.h2;
import static io.ablate4j.report.render.Blocks.orDash;
import static io.ablate4j.report.render.Blocks.para;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.results.ManifestKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how the run was made, and the files this report wrote.
 */
final class ProvenanceSection {
    private ProvenanceSection() {
    }

    static void add(List<Doc.Block> d, ReportDocument.Content c) {
        Manifest m = c.manifest();
        d.add(h2("Provenance", "provenance"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ablate4j", orDash(m.provenance(ManifestKeys.TOOL_VERSION))));
        rows.add(List.of("DL4J", orDash(m.provenance(ManifestKeys.DL4J_VERSION))));
        rows.add(List.of("Java", orDash(m.provenance(ManifestKeys.JAVA))));
        rows.add(List.of("OS / arch", orDash(m.provenance(ManifestKeys.OS)) + " / "
                + orDash(m.provenance(ManifestKeys.ARCH))));
        rows.add(List.of("cores", m.provenance(ManifestKeys.CORES) == null ? "–" : m.provenance(ManifestKeys.CORES)));
        String commit = m.provenance(ManifestKeys.GIT_COMMIT);
        rows.add(List.of("git commit", commit == null ? "none (not a git checkout)" : commit));
        rows.add(List.of("config file", orDash(m.configFile())));
        rows.add(List.of("config hash", orDash(m.configHash())));
        rows.add(List.of("started", orDash(m.startedAt())));
        rows.add(List.of("finished", m.finishedAt() == null ? "not finished" : m.finishedAt()));
        rows.add(List.of("manifest schema", Integer.toString(m.schemaVersion())));
        rows.add(List.of("report generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        d.add(new Doc.Table(null, List.of("", ""), rows));
        List<String> files = new ArrayList<>(List.of(CsvOutputs.SUMMARY, CsvOutputs.FACTORS,
                CsvOutputs.OVERFITTING));
        if (!c.claims().isEmpty()) {
            files.add(CsvOutputs.EXPECTATIONS);
        }
        c.plots().forEach(p -> files.add(p.file()));
        c.figures().all().forEach(f -> files.addAll(f.files()));
        d.add(para("Files written by this report: " + String.join(", ", files) + "."));
    }
}
