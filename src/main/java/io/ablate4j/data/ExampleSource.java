package io.ablate4j.data;

/**
 * Data from your own Java code: {@code dataset: {name: java, class: com.example.MyData}}, the class's jar on
 * {@code --classpath} (as for a java network template). ablate4j creates the class through its public no-argument
 * constructor and calls {@link #examples()} once per run (once per Spark executor JVM on a cluster); the examples
 * it returns then go through the same seeded stratified splits, folds, normalization fitted on the training split,
 * resume and Spark engine as a CSV file's rows.
 *
 * <pre>{@code
 * public final class MyData implements ExampleSource {
 *     public ExampleTable examples() throws Exception {
 *         RecordReader rr = new CSVRecordReader(1, ',');           // your DataVec pipeline, or arrays
 *         rr.initialize(new FileSplit(new File("/data/my.csv")));
 *         return ExampleTable.ofRecords(rr, 4);                    // column 4: the class (index or name)
 *     }
 * }
 * }</pre>
 *
 * <p>Contract: return the same examples, in the same order, every time (seed any randomness of your own; ablate4j
 * draws the splits from {@code dataset.splitSeed}), so that every variant, seed, fold, resumed run and executor
 * sees the same data. The class must not depend on the working directory when it runs on a cluster: read files
 * packed into its jar ({@code getResourceAsStream}) or at absolute paths every executor has. A class that is
 * missing, cannot be constructed, throws, or returns inconsistent examples stops the run before anything is
 * written, with a message naming {@code dataset.class} (exit 2).
 */
@FunctionalInterface
public interface ExampleSource {
    /**
     * All examples of the dataset, before any split.
     *
     * @throws Exception anything: reported as the data's error, naming this class
     */
    ExampleTable examples() throws Exception;
}
