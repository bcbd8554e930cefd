package io.ablate4j.config;

import java.util.Locale;
import java.util.Map;

/**
 * The "did you mean" of unknown keys, sweep axes and selectors: the known name a user most likely meant. First the
 * same name spelt another way ({@code learning_rate}, {@code batch-size}), then a name other tools use for the same
 * thing ({@code lr}, {@code epoch}, {@code weight_decay} in PyTorch, Keras and scikit-learn), then the closest
 * spelling.
 */
final class DidYouMean {
    /**
     * Names other tools give ablate4j's keys, written as {@link #normalized} spells them, with the schema name. A
     * synonym is suggested only where its schema name is allowed.
     */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("lr", "learningRate"), Map.entry("eta", "learningRate"), Map.entry("stepsize", "learningRate"),
            Map.entry("epoch", "epochs"), Map.entry("nepochs", "epochs"), Map.entry("numepochs", "epochs"),
            Map.entry("maxepochs", "epochs"), Map.entry("maxiter", "epochs"),
            Map.entry("wd", "weightDecay"), Map.entry("decay", "weightDecay"),
            Map.entry("l2reg", "l2"), Map.entry("l2regularization", "l2"), Map.entry("alpha", "l2"),
            Map.entry("l1reg", "l1"), Map.entry("l1regularization", "l1"),
            Map.entry("maxnormconstraint", "maxNorm"), Map.entry("kernelconstraint", "maxNorm"),
            Map.entry("dropoutrate", "dropout"), Map.entry("droprate", "dropout"), Map.entry("rate", "dropout"),
            Map.entry("inputdropoutrate", "inputDropout"),
            Map.entry("bs", "batchSize"), Map.entry("batch", "batchSize"), Map.entry("minibatch", "batchSize"),
            Map.entry("minibatchsize", "batchSize"),
            Map.entry("bn", "batchNorm"), Map.entry("batchnormalization", "batchNorm"),
            Map.entry("optimiser", "optimizer"), Map.entry("updater", "optimizer"), Map.entry("solver", "optimizer"),
            Map.entry("layers", "hidden"), Map.entry("hiddenlayers", "hidden"), Map.entry("units", "hidden"),
            Map.entry("hiddenlayersizes", "hidden"), Map.entry("hiddenunits", "hidden"),
            Map.entry("act", "activation"), Map.entry("activationfunction", "activation"),
            Map.entry("seed", "seeds"), Map.entry("randomstate", "splitSeed"),
            Map.entry("kfold", "folds"), Map.entry("nfolds", "folds"), Map.entry("numfolds", "folds"),
            Map.entry("cv", "folds"), Map.entry("nsplits", "folds"),
            Map.entry("label", "labelColumn"), Map.entry("labelcol", "labelColumn"), Map.entry("labels", "labelColumn"),
            Map.entry("classcolumn", "labelColumn"), Map.entry("target", "targetColumn"),
            Map.entry("targetcol", "targetColumn"),
            Map.entry("sep", "delimiter"), Map.entry("separator", "delimiter"),
            Map.entry("headers", "header"), Map.entry("hasheader", "header"),
            Map.entry("file", "trainFile"), Map.entry("path", "trainFile"), Map.entry("train", "trainFile"),
            Map.entry("test", "testFile"), Map.entry("na", "missing"), Map.entry("navalues", "missing"),
            Map.entry("nan", "missing"), Map.entry("categories", "categorical"), Map.entry("onehot", "categorical"),
            Map.entry("valsize", "validationSize"), Map.entry("validsize", "validationSize"),
            Map.entry("valsplit", "validationSize"), Map.entry("validationsplit", "validationSize"),
            Map.entry("ntrain", "trainSize"), Map.entry("trainsamples", "trainSize"),
            Map.entry("earlystop", "earlyStopping"), Map.entry("normalization", "normalize"),
            Map.entry("scaling", "normalize"), Map.entry("scale", "normalize"), Map.entry("lossfunction", "loss"), Map.entry("criterion", "loss"));

    private DidYouMean() {
    }

    /**
     * The known name {@code word} most likely means among {@code candidates}: the same name spelt with other case,
     * underscores or hyphens; else a synonym of one (see {@link #SYNONYMS}); else the closest spelling, if one is
     * close; else null.
     */
    static String closest(String word, Iterable<String> candidates) {
        String same = normalized(word);
        String synonym = SYNONYMS.get(same);
        String meant = null;
        for (String c : candidates) {
            if (normalized(c).equals(same)) {
                return c;
            }
            if (c.equals(synonym)) {
                meant = c;
            }
        }
        return meant != null ? meant : spelling(word, candidates);
    }

    /**
     * As {@link #closest(String, Iterable)} for a dotted key path (a sweep axis): the last name may be a synonym of a
     * key of the same section ({@code training.optimizer.lr} means {@code training.optimizer.learningRate}).
     */
    static String closestPath(String path, java.util.Collection<String> candidates) {
        int dot = path.lastIndexOf('.');
        if (dot > 0) {
            String parent = path.substring(0, dot + 1);
            java.util.List<String> siblings = candidates.stream().filter(c -> c.startsWith(parent)
                    && c.indexOf('.', parent.length()) < 0).map(c -> c.substring(parent.length())).toList();
            String same = normalized(path.substring(dot + 1));
            String synonym = SYNONYMS.get(same);
            for (String sibling : siblings) {
                if (normalized(sibling).equals(same) || sibling.equals(synonym)) {
                    return parent + sibling;
                }
            }
        }
        return spelling(path, candidates);
    }

    /** Lower case without '_', '-' and spaces: {@code learning_rate}, {@code Learning-Rate} and {@code learningRate} agree. */
    static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[_\\- ]", "");
    }

    /** The closest spelling among {@code candidates}, or null when none is close. */
    private static String spelling(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    /** Damerau–Levenshtein (optimal string alignment) distance: a transposition costs one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
