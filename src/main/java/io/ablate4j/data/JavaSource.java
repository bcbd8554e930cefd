package io.ablate4j.data;

import io.ablate4j.config.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code name: java}: the examples of a user's {@link ExampleSource} class as a {@link Table}. The class is loaded by
 * whoever owns the class path ({@code classes}, a runner's template class loader); every way it can fail, and every
 * way its examples can contradict the task, is a {@link DataException} at {@code dataset.class}.
 */
final class JavaSource {
    private static final String KEY = Schema.Dataset.CLASS.path();

    private JavaSource() {
    }

    static Table read(String className, boolean regression, Function<String, ExampleSource> classes) {
        ExampleSource source = classes.apply(className);
        ExampleTable t;
        try {
            t = source.examples();
        } catch (Exception | LinkageError e) {
            boolean shape = e instanceof IllegalArgumentException && e.getStackTrace().length > 0
                    && e.getStackTrace()[0].getClassName().equals(ExampleTable.class.getName());
            throw new DataException(KEY, className + ".examples() " + (shape ? "returned inconsistent examples: "
                    + e.getMessage() : "threw " + e), e);
        }
        if (t == null) {
            throw new DataException(KEY, className + ".examples() returned null; return the examples as an "
                    + "ExampleTable (ExampleTable.ofClasses, ofTargets or ofRecords)");
        }
        int n = t.rows();
        int d = t.numFeatures();
        float[] features = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(t.features()[i], 0, features, i * d, d);
        }
        List<String> featureNames = t.featureNames();
        if (featureNames == null) {
            featureNames = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                featureNames.add("x" + j);
            }
        }
        int[] labels = new int[n];
        float[] targets = null;
        List<String> classNames;
        String what = className + " (dataset.class)";
        switch (t.kind()) {
            case TARGETS -> {
                if (!regression) {
                    throw new DataException(KEY, className + ".examples() returned regression targets "
                            + "(ExampleTable.ofTargets), but the dataset is a classification; set dataset.task: "
                            + "regression, or return classes");
                }
                targets = toFloats(t.numbers());
                classNames = List.of();
            }
            case NUMBERS -> {
                if (regression) {
                    targets = toFloats(t.numbers());
                    classNames = List.of();
                } else {
                    classNames = indexClasses(t, labels, className);
                }
            }
            case CLASSES -> {
                classesOnly(regression, className);
                classNames = indexClasses(t, labels, className);
            }
            case NAMES -> {
                classesOnly(regression, className);
                classNames = List.copyOf(new TreeSet<>(List.of(t.names())));
                for (int i = 0; i < n; i++) {
                    labels[i] = classNames.indexOf(t.names()[i]);
                }
            }
            default -> throw new IllegalStateException(t.kind().toString());
        }
        if (!regression && classNames.size() < 2) {
            throw new DataException(KEY, className + ".examples() returned one class only (" + classNames.get(0)
                    + "); a classifier needs at least two");
        }
        return new Table(what, features, n, d, featureNames, labels, targets, classNames, false, null, 0);
    }

    private static void classesOnly(boolean regression, String className) {
        if (regression) {
            throw new DataException(KEY, className + ".examples() returned class labels, but the dataset is a "
                    + "regression (dataset.task: regression); return ExampleTable.ofTargets, or remove task");
        }
    }

    /** Class indices 0..k-1 (from ints, or integral numbers); names given, or "0".."k-1". */
    private static List<String> indexClasses(ExampleTable t, int[] labels, String className) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (t.classes() != null) {
                labels[i] = t.classes()[i];
            } else {
                double v = t.numbers()[i];
                if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
                    throw new DataException(KEY, className + ".examples(): row " + i + " has the label " + v
                            + ", not a class index 0, 1, …; a real-valued target needs dataset.task: regression");
                }
                labels[i] = (int) v;
            }
            max = Math.max(max, labels[i]);
        }
        List<String> given = t.classNames();
        if (given != null) {
            if (max >= given.size()) {
                throw new DataException(KEY, className + ".examples() returned class index " + max + " but "
                        + given.size() + " class names " + given);
            }
            return given;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
