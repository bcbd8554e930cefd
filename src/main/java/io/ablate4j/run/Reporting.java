package io.ablate4j.run;

import io.ablate4j.report.Report;
import io.ablate4j.report.ReportResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Writes the report of a run directory at the end of a run and prints its verdict. */
final class Reporting {
    private Reporting() {
    }

    static void write(Path dir, PrintStream log) throws IOException {
        ReportResult r = Report.generate(dir);
        r.warnings().forEach(w -> log.println("warning: " + w));
        if (!r.verdictText().isBlank()) {
            log.println(r.verdictText().stripTrailing());
        }
        log.println("report: " + r.html());
    }
}
