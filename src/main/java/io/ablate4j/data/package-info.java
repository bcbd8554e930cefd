/**
 * Datasets: where examples come from and how they become training batches.
 *
 * <p>This package owns the dataset sources (Fashion-MNIST and MNIST IDX files, bundled or full; CSV files
 * read through DataVec, with class names, missing values and one-hot columns; a user's
 * {@link io.ablate4j.data.ExampleSource} class; generated blobs and spirals, and generated CIFAR-format files
 * where the real ones are absent), seeded stratified subsets and the
 * train / validation / test split, normalization fitted on the training split, per-batch image augmentation, the
 * generator of the bundled subset, the downloader behind {@code ablate4j data fetch} and the catalogue behind
 * {@code ablate4j data list}.
 *
 * <p>Contracts the rest of ablate4j relies on:
 * <ul>
 *   <li>A {@link io.ablate4j.data.DataCache} loads each distinct {@code DatasetConfig} (augmentation aside)
 *       once; the {@link io.ablate4j.data.LoadedData} it returns is shared read-only between concurrent
 *       trials. There is no process-wide cache: each run (or Spark executor) owns one, so two runs in one JVM
 *       never see each other's data.</li>
 *   <li>Every draw (subset, split, order, synthetic data) comes from {@code splitSeed} through a PRNG
 *       whose algorithm is fixed here, so the same config selects the same examples on any machine.</li>
 *   <li>{@link io.ablate4j.data.BatchIterator} never hands out a view of the shared data: each batch is a
 *       copy, augmented fresh every epoch.</li>
 *   <li>Problems with the user's data surface as {@link io.ablate4j.data.DataException} with a message
 *       that names the file and says how to fix it, and the config key that fixes it where there is one.</li>
 *   <li>A table (CSV files, a java data class) is read once per cache, whatever sizes, seeds or normalizations
 *       a sweep draws from it. Java data classes are made by a function the cache's owner passes in (a runner's
 *       template class loader), so this package loads no user class itself.</li>
 * </ul>
 *
 * <p>Depends on {@code io.ablate4j.config}, ND4J and DataVec; never on network, training, run or report.
 */
package io.ablate4j.data;
