package io.ablate4j.report.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant as the run directory records it: its id and the cells of its sweep axes, read from the manifest's
 * variant list (or, without one, from {@code trials.csv}). Text only: unlike {@code sweep.Variant}, the planned
 * variant, it has no config, because a report reads runs made elsewhere and by other versions.
 *
 * @param variantId stable id written by the runner
 * @param axes      axis key path → value, in manifest axis order, values exactly as in the CSV cells
 */
public record VariantCells(String variantId, Map<String, String> axes) {
    public VariantCells {
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
    }

    /** {@code model.dropout=0.5, model.batchNorm=none}; the id when there are no axes. */
    public String label() {
        return axes.isEmpty() ? variantId : Axes.label(axes);
    }

    /** Like {@link #label()} with each key shortened to its last path segment when that stays unambiguous. */
    public String shortLabel() {
        if (axes.isEmpty()) {
            return variantId;
        }
        List<String> parts = new ArrayList<>();
        axes.forEach((k, v) -> parts.add(Axes.shortName(k, axes.keySet()) + "=" + v));
        return String.join(" ", parts);
    }
}
