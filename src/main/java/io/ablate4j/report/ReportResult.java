package io.ablate4j.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Report#generate(Path)} wrote and found.
 *
 * @param html        the self-contained {@code report.html}
 * @param markdown    {@code report.md}, the same content as GitHub-flavoured Markdown
 * @param warnings    what is missing or went wrong in the run, one sentence each (missing trials, variants
 *                    without results, failed and diverged trials); empty for a complete, clean run
 * @param verdictText a few plain ASCII lines for the console: completeness, each regularizer against the
 *                    baseline, the variant selected by validation accuracy
 */
public record ReportResult(Path html, Path markdown, List<String> warnings, String verdictText) {
    public ReportResult {
        warnings = List.copyOf(warnings);
    }
}
