package io.ablate4j.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Verifies the result files of one run directory together: the one place that decides which rows count. Used by
 * the runner when it opens a directory ({@link TrialResults}, which moves the rows it rejects to
 * {@link Quarantine damaged.csv}) and by the report (which leaves them out and lists them). A row is rejected when
 * <ul>
 *   <li>its line does not verify ({@link CsvTable}): {@link Damaged.Kind#DAMAGED};</li>
 *   <li>it is a good row of a trial the run does not plan ({@code belongs} says no): {@link Damaged.Kind#FOREIGN};</li>
 *   <li>it is a trial row whose trial has not exactly one good {@code epochs.csv} row for each of its
 *       {@code epochs_run} epochs (sealed {@code epochs.csv} only): {@link Damaged.Kind#INCOMPLETE};</li>
 *   <li>it is any other row of a trial with a damaged row (the trial id its first cell names) or an incomplete
 *       trial row: {@link Damaged.Kind#WITH_TRIAL}. So a damaged row makes its whole trial not done, and a run trains
 *       it again.</li>
 * </ul>
 * Files without checksums (schema version 1) are trusted as before, apart from the cell count check.
 */
public final class ResultsCheck {
    public static final String TRIALS = "trials.csv";
    public static final String EPOCHS = "epochs.csv";
    public static final String DIAGNOSTICS = "diagnostics.csv";
    private static final List<String> FILES = List.of(TRIALS, EPOCHS, DIAGNOSTICS);

    private ResultsCheck() {
    }

    /** Whether a row, by its {@code trial_id, variant_id, seed} cells, is one of the run's planned trials. */
    @FunctionalInterface
    public interface Membership {
        boolean test(String trialId, String variantId, String seed);
    }

    /**
     * The rows of one file that count.
     *
     * @param table the file as read
     * @param rows  its good rows less the rejected ones, in file order
     */
    public record Checked(CsvTable table, List<CsvTable.Row> rows) {
        public Checked {
            rows = List.copyOf(rows);
        }

        /** Whether rewriting the file with {@link #rows} changes it (apart from sealing). */
        public boolean changed() {
            return !table.clean() || rows.size() != table.rows().size();
        }
    }

    /**
     * What counts in a run directory.
     *
     * @param files    file name → its checked rows, for each result file that exists
     * @param rejected the rows that do not count, in file order: first the damaged and foreign ones, then the rows
     *                 that go with their trials
     */
    public record Result(Map<String, Checked> files, List<Damaged> rejected) {
        public Result {
            files = Map.copyOf(files);
            rejected = List.copyOf(rejected);
        }

        /** The checked rows of {@code name}, or null when the file does not exist. */
        public Checked file(String name) {
            return files.get(name);
        }
    }

    /**
     * Reads and checks {@code trials.csv}, {@code epochs.csv} and {@code diagnostics.csv} of {@code runDir}, as far
     * as they exist.
     *
     * @param belongs which trials the run plans; null accepts every trial
     */
    public static Result check(Path runDir, Membership belongs) throws IOException {
        Map<String, CsvTable> tables = new LinkedHashMap<>();
        for (String name : FILES) {
            Path file = runDir.resolve(name);
            if (Files.isRegularFile(file)) {
                tables.put(name, CsvTable.read(file));
            }
        }
        List<Damaged> rejected = new ArrayList<>();
        Map<String, List<CsvTable.Row>> kept = new LinkedHashMap<>();
        tables.forEach((name, table) -> {
            table.bad().forEach(b -> rejected.add(new Damaged(name, b.line(), b.firstCell(), Damaged.Kind.DAMAGED,
                    b.reason(), b.text())));
            List<CsvTable.Row> rows = new ArrayList<>(table.rows());
            int trial = table.column("trial_id");
            int variant = table.column("variant_id");
            int seed = table.column("seed");
            if (belongs != null && trial >= 0 && variant >= 0 && seed >= 0) {
                rows.removeIf(r -> {
                    if (belongs.test(r.cells().get(trial), r.cells().get(variant), r.cells().get(seed))) {
                        return false;
                    }
                    rejected.add(new Damaged(name, r.line(), r.cells().get(trial), Damaged.Kind.FOREIGN,
                            "not a trial of this run's config (a row from another run?)", r.text()));
                    return true;
                });
            }
            kept.put(name, rows);
        });

        // trial id → why its rows go (the row that makes it not done)
        Map<String, String> notDone = new LinkedHashMap<>();
        Set<String> finished = new HashSet<>();
        CsvTable trials = tables.get(TRIALS);
        int trialId = trials == null ? -1 : trials.column("trial_id");
        if (trialId >= 0) {
            kept.get(TRIALS).forEach(r -> finished.add(r.cells().get(trialId)));
        }
        for (Damaged d : List.copyOf(rejected)) {
            if (d.kind() == Damaged.Kind.DAMAGED && !d.trialId().isEmpty()
                    && (d.file().equals(TRIALS) || finished.contains(d.trialId()))) {
                notDone.putIfAbsent(d.trialId(), "goes with " + d.where() + ", which is damaged");
            }
        }
        CsvTable epochs = tables.get(EPOCHS);
        if (trialId >= 0 && epochs != null && epochs.sealed()) {
            incomplete(trials, kept.get(TRIALS), epochs, kept.get(EPOCHS), notDone, rejected);
        }
        for (Map.Entry<String, List<CsvTable.Row>> e : kept.entrySet()) {
            int trial = tables.get(e.getKey()).column("trial_id");
            if (trial < 0) {
                continue;
            }
            e.getValue().removeIf(r -> {
                String cause = notDone.get(r.cells().get(trial));
                if (cause == null) {
                    return false;
                }
                rejected.add(new Damaged(e.getKey(), r.line(), r.cells().get(trial), Damaged.Kind.WITH_TRIAL, cause,
                        r.text()));
                return true;
            });
        }
        Map<String, Checked> files = new LinkedHashMap<>();
        tables.forEach((name, table) -> files.put(name, new Checked(table, kept.get(name))));
        return new Result(files, rejected);
    }

    /**
     * Rejects the trial rows whose epochs 1..epochs_run are not all in epochs.csv, or more (a row lost or damaged).
     * The same epoch twice is tolerated: older versions could write it again when a run resumed.
     */
    private static void incomplete(CsvTable trials, List<CsvTable.Row> trialRows, CsvTable epochs,
                                   List<CsvTable.Row> epochRows, Map<String, String> notDone, List<Damaged> rejected) {
        int trialId = trials.column("trial_id");
        int epochsRun = trials.column("epochs_run");
        int trialOfEpoch = epochs.column("trial_id");
        int epoch = epochs.column("epoch");
        if (epochsRun < 0 || trialOfEpoch < 0 || epoch < 0) {
            return;
        }
        Map<String, List<String>> epochsOf = new LinkedHashMap<>();
        epochRows.forEach(r -> epochsOf.computeIfAbsent(r.cells().get(trialOfEpoch), k -> new ArrayList<>())
                .add(r.cells().get(epoch)));
        trialRows.removeIf(r -> {
            String id = r.cells().get(trialId);
            if (notDone.containsKey(id)) {
                return false;
            }
            int n;
            try {
                n = Integer.parseInt(r.cells().get(epochsRun));
            } catch (NumberFormatException e) {
                return false;
            }
            List<String> have = epochsOf.getOrDefault(id, List.of());
            Set<String> expected = new TreeSet<>();
            for (int i = 1; i <= n; i++) {
                expected.add(Integer.toString(i));
            }
            Set<String> distinct = new TreeSet<>(have);
            if (distinct.equals(expected)) {
                return false;
            }
            rejected.add(new Damaged(TRIALS, r.line(), id, Damaged.Kind.INCOMPLETE, EPOCHS + " holds epochs "
                    + distinct + " of the " + n + " this trial ran (a row was lost or damaged)", r.text()));
            notDone.put(id, "goes with " + TRIALS + ":" + r.line() + ", whose epochs are incomplete");
            return true;
        });
    }
}
