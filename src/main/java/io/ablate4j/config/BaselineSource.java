package io.ablate4j.config;

import java.util.Arrays;

/**
 * How an experiment's baseline variant was chosen: the vocabulary of the one rule ({@code sweep.SweepExpander}
 * applies it, the manifest records it as {@code baselineSource}, the console and the report say it).
 *
 * <ol>
 *   <li>{@code baseline: none}: no variant is the baseline, nothing is compared with one ({@link #NONE});</li>
 *   <li>the variant whose axis values are those {@code baseline:} writes, each axis it leaves out at the base
 *       config's value ({@link #WRITTEN});</li>
 *   <li>without {@code baseline:}, the variant whose axis values equal the base config's, written or default
 *       ({@link #BASE_CONFIG});</li>
 *   <li>where no variant has them, the variant with the first value of each axis (the written ones kept)
 *       ({@link #FIRST_VALUES});</li>
 *   <li>where a random sweep drew neither, its first variant (with the written values) ({@link #FIRST_VARIANT}).</li>
 * </ol>
 */
public enum BaselineSource {
    WRITTEN("written", "as written under baseline:"),
    BASE_CONFIG("base-config", "the base config's values"),
    FIRST_VALUES("first-values", "no variant has the base config's values; the first value of each axis"),
    FIRST_VARIANT("first-variant", "no variant has the base config's values or the first value of each axis; the "
            + "random sweep's first variant"),
    NONE("none", "as the config asks: nothing is compared with a reference");

    private final String manifestName;
    private final String text;

    BaselineSource(String manifestName, String text) {
        this.manifestName = manifestName;
        this.text = text;
    }

    /** As {@code manifest.json} writes it ({@code baselineSource}). */
    public String manifestName() {
        return manifestName;
    }

    /** Why this variant, in words for the console and the report: "the base config's values". */
    public String text() {
        return text;
    }

    /** The source a manifest names; null for an unknown or absent name (a manifest older than the rule). */
    public static BaselineSource ofManifestName(String name) {
        return Arrays.stream(values()).filter(s -> s.manifestName.equals(name)).findFirst().orElse(null);
    }
}
