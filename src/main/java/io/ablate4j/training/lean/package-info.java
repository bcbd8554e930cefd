/**
 * The lean training step: one minibatch of a DL4J {@code MultiLayerNetwork} trained (forward, backward, update)
 * without the work DL4J 1.0.0-M2.1's {@code MultiLayerNetwork.fit} does and throws away, and inference by the same
 * stages. The trainer ({@code io.ablate4j.training.Trainer}) is its one user; the public surface is what it and a
 * run need: {@link io.ablate4j.training.lean.TrainingStep} ({@code of}, {@code fit}, {@code output},
 * {@code syncUpdaterState}, {@code close}, {@code prepare}, {@code channelLoops}; {@code fallbackReason} and
 * {@code layerPaths}, which the benchmark prints and checks), the
 * {@link io.ablate4j.training.lean.StepMode} a run chooses, {@link io.ablate4j.training.lean.StepProfile} for the
 * benchmark, and {@link io.ablate4j.training.lean.BnCaches#release} for DL4J's own passes.
 *
 * <h2>What it computes</h2>
 * <ul>
 *   <li><b>Bit-identical to {@code fit}</b> (parameters, updater state after {@code syncUpdaterState}, and the
 *       dropout masks, drawn from the same generator state in the same order, so that the generator ends where
 *       {@code fit} leaves it): in mode {@code exact}, every network the step accepts (below); in mode
 *       {@code lean}, every such network without convolution, subsampling (max pooling), batch-norm or ReLU
 *       activation layers, which is every MLP the factory builds without batch norm, with any dropout type,
 *       regularizer and optimizer. Tested against {@code fit} on twelve network shapes
 *       ({@code TrainingStepTest.bitIdenticalToDl4jFit}: Bernoulli, Gaussian, alpha and spatial dropout, L1, L2,
 *       weight decay, max-norm, SGD, Nesterov and Adam, batch norm before and after the activation with dropout on
 *       either side, CNNs); inference of such networks is DL4J's own {@code output}.</li>
 *   <li><b>Equal to {@code fit} to float rounding</b>: in mode {@code lean}, networks with those layers, which the
 *       Java kernels run on NHWC data ({@link io.ablate4j.training.lean.ConvStage},
 *       {@link io.ablate4j.training.lean.MaxPoolStage}, {@link io.ablate4j.training.lean.BatchNormStage},
 *       {@link io.ablate4j.training.lean.ReluStage}), inference included. Convolution and batch norm sum in
 *       another order than DL4J (patches in ky, kx, c order, or for stride 1 one
 *       product of inC terms per tap, summed tap after tap; the direct first convolution by fused multiply-adds
 *       tap by tap, padding taps included as zeros (which adds exactly nothing to a finite sum), its weight gradient
 *       in float per image and double across images; batch-norm sums blocked in
 *       float and double), and dropout between the kernels draws its mask over NHWC memory, so the same random
 *       numbers land on other elements (the same distribution, another draw); pooling and ReLU are exact. A ReLU
 *       activation layer right after a convolution with the identity activation (Keras' way of writing a convnet)
 *       or after batch normalization is applied by that layer's stage, with the same float operations as in a
 *       stage of its own, so bit-identically ({@code RgbImagesTest}). Tested
 *       per layer against DL4J's output, input gradient and every parameter gradient within 2e-5 of the largest
 *       value ({@code ConvStageTest}, {@code BatchNormStageTest}; {@code MaxPoolStageTest} and
 *       {@code ReluStageTest} exactly, ties included), per network as the same SGD steps in lean and exact mode to
 *       1e-4 ({@code TrainingStepTest.leanKernelsTrainAsDl4jsLayersToFloatRounding}) and inference against
 *       DL4J's {@code output} to 1e-4; reruns are bit-identical, and the vector-API kernels equal their scalar
 *       twins bit for bit ({@code VectorKernelsTest}, {@code ScalarLoopsRunTest}).</li>
 *   <li><b>{@code fit} itself</b>: in mode {@code dl4j}; and in every mode for a network the step does not accept
 *       ({@code TrainingStep.fallbackReason()}: truncated BPTT, training listeners, a last layer that is not a
 *       dense {@code OutputLayer}, an optimization algorithm other than SGD or a step function, layer norm, weight
 *       noise or dropout on a dense layer, a layer other than dense, output, dropout, batch norm, activation,
 *       convolution and subsampling), and for a minibatch with feature or label masks.</li>
 * </ul>
 * The update is the network's own updater (minibatch division, L1/L2/weight decay, Adam, Nesterov, SGD) and
 * constraints; where it is only the division and Adam, {@link io.ablate4j.training.lean.LeanAdam} does both in one
 * Java loop over the parameters' memory, with ND4J's arithmetic.
 *
 * <h2>What it relies on from DL4J and ND4J 1.0.0-M2.1</h2>
 * <ul>
 *   <li>The arithmetic of {@code BaseLayer}, {@code BaseOutputLayer}, {@code LossMCXENT}, {@code Dropout} and the
 *       updaters, replicated op for op ({@link io.ablate4j.training.lean.DenseStage},
 *       {@link io.ablate4j.training.lean.DropoutStage}: the mask from {@code UniformDistribution} equals
 *       {@code DropOutInverted}'s from the same generator state), and the products as ND4J's {@code mmul} passes
 *       them to OpenBLAS ({@code cblas_sgemm} with the same arguments, called directly).</li>
 *   <li>The updater's internals: {@code BaseMultiLayerUpdater.getUpdaterBlocks()} and each {@code UpdaterBlock}'s
 *       gradient view, parameter offsets and {@code GradientUpdater} (replaced by {@code LeanAdam}, which reads
 *       and writes {@code AdamUpdater}'s state views); the flattened parameter and gradient views of the network
 *       and of each layer; the iteration and epoch counts, constraints and {@code clearLayersStates} as
 *       {@code StochasticGradientDescent} calls them.</li>
 *   <li>Workspaces: a step's arrays live in one per-thread workspace ({@code LayerWorkspaceMgr} with DL4J's
 *       training policies), valid until the step's scope closes; a step runs on the thread that runs its trial.</li>
 *   <li>{@code BatchNormalization}'s private fields {@code xHat}, {@code xMu} and {@code std}, closed by
 *       {@link io.ablate4j.training.lean.BnCaches} through reflection (another DL4J version leaves them to the
 *       garbage collector).</li>
 *   <li>The arithmetic of the loaded native build, found at run time once per JVM
 *       ({@code TrainingStep.prepare()}): whether ND4J's {@code adam_updater} rounds every product (the generic
 *       x86-64 build) or fuses them into FMAs (the AVX-512 build), by running it on a probe
 *       ({@code LeanAdam.arithmetic()}; neither: ND4J's op is kept), and whether ND4J's column sums are Java's
 *       ({@code ColumnSums.matchNd4j()}; not: ND4J's op is kept).</li>
 * </ul>
 *
 * <h2>Native memory</h2>
 * ND4J frees an array's native memory when the garbage collector finds its Java wrapper unreachable, on a
 * deallocator thread, at any time; and in compiled code an object is unreachable as soon as no later instruction
 * reads it, even while a native call still uses its memory. So in this package:
 * <ul>
 *   <li>Memory read or written through a raw address (OpenBLAS products, copies between Java arrays and native
 *       memory, {@code LeanAdam}'s loop over the parameters) belongs to an array held until the native call or
 *       the copy returned: {@link java.lang.ref.Reference#reachabilityFence} in
 *       {@link io.ablate4j.training.lean.NativeFloats} and {@code LeanAdam}, around a buffer's whole use in
 *       {@code ConvStage}'s patch loops.</li>
 *   <li>ND4J ops run as op objects held until they returned ({@link io.ablate4j.training.lean.Ops}): ND4J's
 *       legacy ops own arrays outside every workspace (a broadcast's or reduction's dimensions, a scalar op's
 *       scalar) that reach native code by their handles only. INDArray's convenience methods that build such an
 *       op internally ({@code addiRowVector}, {@code assign}, {@code sum(result, dims)}, {@code sumNumber},
 *       {@code muli(Number)}, {@code divi(Number)}, {@code Transforms.pow}) are written out as the op they run,
 *       with the same arguments and so the same arithmetic. Without this, {@code addiRowVector} died of SIGSEGV
 *       in {@code sd::DataBuffer::primary()} under frequent collections (BENCHMARKS.md, 2026-12-03;
 *       {@code NativeLifetimeTest}).</li>
 *   <li>Buffers that outlive a step (convolution patches and outputs, dropout's uniform numbers) are allocated
 *       outside the workspaces, held in their stage's fields for the trial, and closed explicitly by
 *       {@code TrainingStep.close()} at its end (or when a larger minibatch replaces them); the trainer closes the
 *       step however the trial ends. A step's other arrays live in its workspace and are used only within it.</li>
 * </ul>
 * DL4J's own code (its layers behind {@link io.ablate4j.training.lean.DelegateStage}, its updater where the
 * update is more than Adam, {@code fit}) is as it is.
 */
package io.ablate4j.training.lean;
