package io.ablate4j.cli;

import io.ablate4j.report.Report;
import io.ablate4j.report.ReportResult;
import io.ablate4j.report.read.ReportException;
import io.ablate4j.run.RunException;
import io.ablate4j.run.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** (Re)writes summary.csv, the statistics, charts and report of a finished or partial run directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write summary.csv, factors.csv, overfitting.csv, plots/, report.html and report.md of a run "
                + "directory.", "Works on finished and partial runs and says what is missing."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "A run directory (holds manifest.json and trials.csv).")
    Path runDir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ReportResult r;
        try {
            r = Report.generate(runDir);
        } catch (ReportException e) {
            throw new RunException(e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw StorageException.stopped(e, runDir, "The report is not (completely) written; the run's results "
                    + "are untouched.", "rerun: ablate4j report " + runDir);
        }
        PrintWriter out = spec.commandLine().getOut();
        r.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        out.println(r.verdictText().stripTrailing());
        out.println("report: " + r.html());
        out.println("markdown: " + r.markdown());
        out.flush();
        spec.commandLine().getErr().flush();
        return Main.OK;
    }
}
