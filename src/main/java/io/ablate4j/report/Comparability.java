package io.ablate4j.report;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.report.Reproduction.KeyDifference;
import io.ablate4j.report.read.Axes;
import io.ablate4j.report.read.Manifest;
import io.ablate4j.results.ManifestKeys;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether two runs are of one experiment, and what else about them differs: the keys that define the experiment
 * (resolved config, sweep axes and mode, baseline) and, apart from those, the seeds and the provenance.
 */
final class Comparability {
    /** How a key one side lacks is shown. */
    static final String ABSENT = "(absent)";

    private Comparability() {
    }

    /** The keys that define the experiment and differ: config, sweep axes and mode, baseline. */
    static List<KeyDifference> experimentDifferences(Manifest a, Manifest b) {
        List<KeyDifference> out = new ArrayList<>();
        Map<String, Object> fa = Axes.keyPaths(a.config());
        Map<String, Object> fb = Axes.keyPaths(b.config());
        Set<String> keys = new LinkedHashSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        for (String k : keys) {
            if (!ConfigLoader.sameValue(fa.get(k), fb.get(k))) {
                out.add(new KeyDifference(k, shown(fa.get(k)), shown(fb.get(k))));
            }
        }
        if (!new TreeSet<>(a.axes()).equals(new TreeSet<>(b.axes()))) {
            out.add(new KeyDifference("sweep.axes", String.join(", ", a.axes()), String.join(", ", b.axes())));
        }
        if (!Objects.equals(a.sweepMode(), b.sweepMode())) {
            out.add(new KeyDifference("sweep.mode", shown(a.sweepMode()), shown(b.sweepMode())));
        }
        Set<String> baselineKeys = new LinkedHashSet<>(a.baseline().keySet());
        baselineKeys.addAll(b.baseline().keySet());
        for (String k : baselineKeys) {
            if (!Axes.sameValue(a.baseline().get(k), b.baseline().get(k))) {
                out.add(new KeyDifference("baseline." + k, shown(a.baseline().get(k)), shown(b.baseline().get(k))));
            }
        }
        return out;
    }

    private static String shown(Object v) {
        return v == null ? ABSENT : String.valueOf(v);
    }

    /**
     * The seeds and the provenance fields ({@link ManifestKeys#PROVENANCE}: where and how a run was made) that differ:
     * differences explain results that are not bit-identical, and never make runs incomparable.
     */
    static List<KeyDifference> provenanceDifferences(Manifest a, Manifest b) {
        List<KeyDifference> out = new ArrayList<>();
        if (!a.seeds().equals(b.seeds())) {
            out.add(new KeyDifference("seeds", a.seeds().toString(), b.seeds().toString()));
        }
        for (String field : ManifestKeys.PROVENANCE) {
            String x = a.provenance(field);
            String y = b.provenance(field);
            if (!Objects.equals(x, y)) {
                out.add(new KeyDifference(field, shown(x), shown(y)));
            }
        }
        return out;
    }
}
