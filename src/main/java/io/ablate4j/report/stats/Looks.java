package io.ablate4j.report.stats;

import io.ablate4j.report.read.Manifest;
import io.ablate4j.report.read.RunData;
import io.ablate4j.report.read.RunReader;
import io.ablate4j.report.read.VariantCells;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The looks of an adaptive-seed run ({@code seeds: {initial, max, step}}), replayed from its trials.
 *
 * <p>The rule, the one place it lives (the runner asks {@link #next} which seeds to train; the report shows
 * {@link #replay}): every variant starts with the initial seeds. At each look the claims and the baseline
 * comparisons are decided on the trials of the seeds the variants have so far, with {@link Sequential}'s p-values
 * and intervals. Each variant of an undecided one (both sides of a claim; the variant and the baseline) gets
 * {@code step} more seeds, up to {@code max}. The run is done when a look adds no seed: everything is decided, or
 * every undecided comparison's variants are at {@code max}.
 *
 * <p>Because the decisions are a function of the trials, a resumed run replays the same looks and goes on where
 * the interrupted one stopped; trials of seeds beyond a look's (left by an earlier, longer run) are not seen by
 * that look.
 */
public final class Looks {
    /**
     * One look.
     *
     * @param seeds      variant id → seeds it has at this look
     * @param claims     the claims as decided at this look
     * @param rows       the baseline comparisons at this look
     * @param undecided  the variants that get more seeds after it (empty at the last look)
     */
    public record Look(int number, Map<String, Integer> seeds, List<Claims.Result> claims, List<Summary.Row> rows,
                       Set<String> undecided) {
    }

    /**
     * The replayed looks.
     *
     * @param looks    the looks whose trials are all recorded, in order
     * @param planned  variant id → the seeds the looks gave it so far (the next look's, when one is due)
     * @param done     whether the last look added no seeds: nothing more to train
     */
    public record Replay(List<Look> looks, Map<String, Integer> planned, boolean done) {
    }

    /**
     * A run as the report sees it.
     *
     * @param run   the run, with adaptive seeds its manifest's seeds per variant those the looks gave
     * @param looks the looks replayed from all its trials; null for a fixed seed list
     */
    public record Replayed(RunData run, Replay looks) {
    }

    private Looks() {
    }

    /**
     * Reads a run directory ({@link RunReader}) and, with adaptive seeds, replays its looks.
     *
     * @throws IOException when the run directory cannot be read
     */
    public static Replayed read(Path runDir) throws IOException {
        RunData run = RunReader.read(runDir);
        Manifest.Adaptive a = run.manifest().adaptive();
        if (a == null) {
            return new Replayed(run, null);
        }
        Replay replay = replay(run);
        return new Replayed(run.with(run.manifest().with(a.withPlanned(replay.planned()))), replay);
    }

    /**
     * For the runner: variant id → the seeds (the first that many of the manifest's sequence) the next look needs,
     * or an empty map when the run is done.
     *
     * @throws IOException when the run directory cannot be read
     */
    public static Map<String, Integer> next(Path runDir) throws IOException {
        Replay r = read(runDir).looks();
        return r == null || r.done() ? Map.of() : r.planned();
    }

    /** The looks of an adaptive run; one look of everything for a fixed seed list. */
    static Replay replay(RunData run) {
        Manifest m = run.manifest();
        Manifest.Adaptive a = m.adaptive();
        Map<String, Integer> seeds = new LinkedHashMap<>();
        for (VariantCells v : m.variants()) {
            seeds.put(v.variantId(), a == null ? m.seeds().size() : a.initial());
        }
        List<Look> looks = new ArrayList<>();
        if (a == null) {
            looks.add(look(run, 1, seeds));
            return new Replay(looks, seeds, true);
        }
        while (true) {
            if (!recorded(run, a, seeds)) {
                return new Replay(looks, seeds, false);
            }
            Look look = look(run, looks.size() + 1, seeds);
            Map<String, Integer> next = new LinkedHashMap<>(seeds);
            Set<String> grown = new LinkedHashSet<>();
            for (String id : look.undecided()) {
                int now = seeds.getOrDefault(id, a.initial());
                int more = Math.min(a.max(), now + a.step());
                if (more > now) {
                    next.put(id, more);
                    grown.add(id);
                }
            }
            looks.add(new Look(look.number(), look.seeds(), look.claims(), look.rows(), grown));
            if (grown.isEmpty()) {
                return new Replay(looks, seeds, true);
            }
            seeds = next;
        }
    }

    /** Whether every variant has a row (of any status) for each of its seeds at this look. */
    private static boolean recorded(RunData run, Manifest.Adaptive a, Map<String, Integer> seeds) {
        Set<String> present = new java.util.HashSet<>();
        run.trials().forEach(t -> present.add(t.variantId() + "\n" + t.seed()));
        for (Map.Entry<String, Integer> e : seeds.entrySet()) {
            for (long seed : a.first(e.getValue())) {
                if (!present.contains(e.getKey() + "\n" + seed)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The decisions on the trials of each variant's first {@code seeds} seeds. */
    private static Look look(RunData run, int number, Map<String, Integer> seeds) {
        Manifest m = run.manifest();
        Manifest.Adaptive a = m.adaptive();
        RunData atLook = run;
        if (a != null) {
            Map<String, Set<Long>> allowed = new LinkedHashMap<>();
            seeds.forEach((id, count) -> allowed.put(id, Set.copyOf(a.first(count))));
            atLook = run.withTrials(run.trials().stream()
                    .filter(t -> allowed.getOrDefault(t.variantId(), Set.of()).contains(t.seed())).toList())
                    .with(m.with(a.withPlanned(seeds)));
        }
        List<Claims.Result> claims = Claims.evaluate(atLook);
        List<Summary.Row> rows = Summary.compute(atLook, Summary.baseline(m), Map.of());
        Set<String> undecided = new LinkedHashSet<>();
        for (Claims.Result c : claims) {
            if (c.verdict() == Conclusion.INCONCLUSIVE) {
                undecided.addAll(c.subject().variants());
                undecided.addAll(c.than().variants());
            }
        }
        Summary.baseline(m).ifPresent(base -> {
            for (Summary.Row r : rows) {
                if (!r.baseline() && r.decision().verdict() == Conclusion.INCONCLUSIVE) {
                    undecided.add(r.variant().variantId());
                    undecided.add(base.variantId());
                }
            }
        });
        return new Look(number, Map.copyOf(seeds), claims, rows, undecided);
    }
}
