package io.ablate4j.cli;

import io.ablate4j.report.Reproduction;
import io.ablate4j.report.read.ReportException;
import io.ablate4j.run.RunException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Does run B reproduce run A? Exit 0 yes, 3 no, 2 not comparable (or not a run directory). */
@Command(name = "compare", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Does RUN_B reproduce RUN_A? Matches the variants of two runs of one experiment, prints "
                + "B − A per variant with its 95%% CI and checks A's claims (expect:) on both runs.",
                "Runs are comparable when their resolved configs, sweep axes, sweep mode and baseline agree; seeds, "
                        + "expect, statistics, name, description and paths may differ."},
        footer = {"", "Exit codes: 0 reproduced; 3 not reproduced (the variants and claims are named); 2 not "
                + "comparable (the differing keys are named), not a run directory, or invalid usage; 1 unexpected "
                + "error."})
final class CompareCommand implements Callable<Integer> {
    static final int NOT_REPRODUCED = 3;

    /** The output formats, as the option spells them. */
    enum Format { text, markdown, latex }

    @Parameters(index = "0", paramLabel = "RUN_A", description = "The reference run directory (e.g. results/<preset>).")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "The run that should reproduce it.")
    Path runB;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (console), markdown or latex (booktabs tables for papers).")
    Format format;

    @Option(names = "--rope", paramLabel = "PTS",
            description = "Variants whose |B − A| is at most PTS reproduce even when it is beyond seed noise: "
                    + "points of the metric (percentage points of accuracy, the target's units of RMSE); 0 for none. "
                    + "Default: RUN_A's statistics.rope (for the score only).")
    Double rope;

    @Option(names = "--metric", paramLabel = "COLUMN",
            description = "Compare the variants in this trials.csv metric (val_acc, gap_acc, test_loss, test_r2, …). "
                    + "Default: the run's score on the test split (test_acc, or test_rmse for a regression).")
    String metric;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the comparison to FILE instead of stdout (stdout then gets one summary line).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (rope != null && !(rope >= 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rope " + rope
                    + ": a ROPE is a half-width, at least 0");
        }
        Reproduction r;
        try {
            r = Reproduction.compare(runA, runB, rope == null ? Double.NaN : rope, metric);
        } catch (ReportException e) {
            throw new RunException(e.getMessage());
        } catch (IOException e) {
            throw new RunException("cannot read " + runA + " or " + runB + ": " + e);
        }
        if (r.outcome() == Reproduction.Outcome.NOT_COMPARABLE) {
            throw new RunException(r.notComparableMessage());
        }
        String text = r.render(Reproduction.Format.valueOf(format.name().toUpperCase(Locale.ROOT)));
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
        } else {
            try {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RunException(out + ": cannot write the comparison (" + e + "); choose another --out");
            }
            stdout.println(r.summary());
            stdout.println(format + ": " + out);
        }
        stdout.flush();
        return r.outcome() == Reproduction.Outcome.REPRODUCED ? Main.OK : NOT_REPRODUCED;
    }
}
