package io.ablate4j.training.lean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarLessThan;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * One training iteration (forward, backward, update) of a {@link MultiLayerNetwork}: the arithmetic of DL4J
 * 1.0.0-M2.1's {@code MultiLayerNetwork.fit(DataSet)} without the work that fit does and then throws away, run
 * as one {@link Stage} per layer. What is left out, in every mode:
 * <ul>
 *   <li>the second forward matrix product of every dense and output layer: {@code BaseLayer.backpropGradient}
 *       recomputes the pre-activation it had in the forward pass, here it is kept from the forward pass;</li>
 *   <li>the gradient with respect to the network input: the layers below the lowest layer with parameters
 *       (the first dense or conv layer, an input dropout layer) get no backward pass, and the lowest one computes
 *       no input gradient;</li>
 *   <li>the score: {@code fit} computes the loss and sums every L1/L2 penalty over all weights each iteration
 *       only to report them in {@code score()}. Divergence is noticed here from the output layer's
 *       pre-activations instead, and the epoch's losses come from evaluation as before.</li>
 * </ul>
 * The modes ({@link StepMode}, a run's setting handed down by the trainer):
 * <ul>
 *   <li>{@code exact}: dense and output layers ({@link DenseStage}) and Bernoulli dropout ({@link DropoutStage})
 *       by this step's own code, op for op DL4J's; every other layer through DL4J's own implementation
 *       ({@link DelegateStage}). Parameters, updater state and dropout masks after any number of steps are
 *       bit-identical to {@code fit}'s (tested).</li>
 *   <li>{@code lean} (the default of runs): as {@code exact}, but convolution ({@link ConvStage}), max pooling
 *       ({@link MaxPoolStage}), batch normalization ({@link BatchNormStage}) and ReLU layers ({@link ReluStage})
 *       by Java kernels on NHWC data with OpenBLAS products, 5-10x faster than DL4J's for convnets and batch norm.
 *       Their sums run in another order than DL4J's, so results agree with {@code fit} to float rounding, not bit
 *       for bit (tested per layer against DL4J's gradients, and by training both ways); networks without such
 *       layers (plain MLPs) are trained exactly as in {@code exact}.</li>
 *   <li>{@code dl4j}: {@code fit} itself.</li>
 * </ul>
 * The update goes through the network's own updater (minibatch division, L1/L2/weight decay, Adam/Nesterov/SGD)
 * and constraints (max-norm); where the update is nothing but the minibatch division and Adam, {@link LeanAdam}
 * does both in one loop (see {@link #fusedUpdate}), and it keeps Adam's moments in Java between steps
 * ({@link #syncUpdaterState()} writes them to the network's updater state view). A network with anything else,
 * or a batch with masks, goes through {@code fit} unchanged.
 *
 * <p>Arrays of one step live in a per-thread workspace, as in DL4J's training, and the Java kernels' buffers in
 * their stages; the step must run on the thread that runs the trial (dropout masks come from that thread's
 * random generator). Native memory is used under the rules of the package documentation.
 */
public final class TrainingStep implements AutoCloseable {
    private static final String WORKSPACE = "ABLATE4J_TRAINING_STEP";
    private static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.05)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .build();

    private final MultiLayerNetwork net;
    private final List<Stage> stages;
    private final DenseStage output;
    private final String fallback;
    private final StepMode mode;
    /** Hidden layers the Java kernels run; 0 where the step is bit-identical to fit (evaluation then is DL4J's). */
    private final int kernelStages;
    private final LayerWorkspaceMgr mgr;
    private final int lowestTrainable;
    private final List<LeanAdam> leanAdams = new ArrayList<>();
    /** The updater blocks when LeanAdam alone does the whole update (see {@link #fusedUpdate}), else null. */
    private final List<UpdaterBlock> fusedBlocks;
    /** For each of {@link #fusedBlocks}: its gradient and its parameters, as vectors. */
    private final List<INDArray[]> fusedViews;
    /** With {@link #fusedBlocks}, the parameters outside them (BN's running statistics) and their gradients. */
    private final List<INDArray[]> unfusedViews;

    private TrainingStep(MultiLayerNetwork net, StepMode mode, boolean fuseRelu) {
        this.net = net;
        this.mode = mode;
        String why = mode == StepMode.DL4J ? "step mode dl4j" : unsupported(net);
        this.fallback = why;
        if (why != null) {
            this.stages = List.of();
            this.output = null;
            this.mgr = null;
            this.lowestTrainable = 0;
            this.fusedBlocks = null;
            this.fusedViews = List.of();
            this.unfusedViews = List.of();
            this.kernelStages = 0;
            return;
        }
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView(); // what fit does on its first call; the layers' gradient views point into it
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Layer[] layers = net.getLayers();
        boolean kernels = mode == StepMode.LEAN;
        List<Stage> list = new ArrayList<>();
        int lowest = layers.length - 1;
        for (int i = 0; i < layers.length - 1; i++) {
            boolean next = kernels && fuseRelu && i + 1 < layers.length - 1;
            if (next && ConvStage.accepts(layers[i])
                    && ConvStage.fusesRelu(layers[i], layers[i + 1], conf.getInputPreProcess(i + 1))) {
                // the convolution applies the ReLU layer above it (bit-identical, see ConvStage's constructor)
                list.add(new ConvStage(i, (ConvolutionLayer) layers[i], conf.getInputPreProcess(i), true));
                list.add(new ReluStage(i + 1, null, true));
            } else if (next && BatchNormStage.accepts(layers[i])
                    && BatchNormStage.fusesRelu(layers[i + 1], conf.getInputPreProcess(i + 1))) {
                list.add(new BatchNormStage(i, (BatchNormalization) layers[i], conf.getInputPreProcess(i), true));
                list.add(new ReluStage(i + 1, null, true));
            } else {
                list.add(stage(i, layers[i], conf.getInputPreProcess(i), kernels));
            }
            if (layers[i].numParams() > 0) {
                lowest = Math.min(lowest, i);
            }
            i = list.size() - 1; // past the ReLU layer a convolution took
        }
        this.stages = List.copyOf(list);
        this.kernelStages = (int) list.stream().filter(s -> s instanceof ConvStage || s instanceof MaxPoolStage
                || s instanceof BatchNormStage || s instanceof ReluStage).count();
        this.output = new DenseStage(layers.length - 1, (BaseLayer<?>) layers[layers.length - 1],
                conf.getInputPreProcess(layers.length - 1));
        this.lowestTrainable = lowest;
        LayerWorkspaceMgr.Builder b = LayerWorkspaceMgr.builder();
        for (ArrayType t : ArrayType.values()) {
            b.with(t, WORKSPACE, WORKSPACE_CONFIG);
        }
        this.mgr = b.build();
        this.mgr.setHelperWorkspacePointers(new HashMap<>());
        if (net.getUpdater() instanceof BaseMultiLayerUpdater<?> updater) {
            for (UpdaterBlock block : updater.getUpdaterBlocks()) {
                if (block.getGradientUpdater() != null && block.getGradientUpdater().getClass() == AdamUpdater.class) {
                    AdamUpdater lean = LeanAdam.of((AdamUpdater) block.getGradientUpdater());
                    block.setGradientUpdater(lean);
                    if (lean instanceof LeanAdam l) {
                        leanAdams.add(l);
                    }
                }
            }
        }
        this.fusedBlocks = fusedUpdate(net);
        List<INDArray[]> fused = new ArrayList<>();
        List<INDArray[]> unfused = new ArrayList<>();
        if (fusedBlocks != null) {
            // views made once: the flattened parameters and gradients stay where they are for the trial
            INDArray params = net.params().reshape(net.params().length());
            INDArray grads = net.getFlattenedGradients().reshape(params.length());
            for (UpdaterBlock block : fusedBlocks) {
                INDArray view = block.getGradientView();
                fused.add(new INDArray[]{view.reshape(view.length()),
                        range(params, block.getParamOffsetStart(), block.getParamOffsetEnd())});
            }
            for (int[] r : complement(fusedBlocks, params.length())) {
                unfused.add(new INDArray[]{range(params, r[0], r[1]), range(grads, r[0], r[1])});
            }
        }
        this.fusedViews = List.copyOf(fused);
        this.unfusedViews = List.copyOf(unfused);
    }

    /** The ranges [start, end) of [0, length) that none of the blocks' parameter ranges covers, in order. */
    static List<int[]> complement(List<UpdaterBlock> blocks, long length) {
        List<int[]> covered = new ArrayList<>();
        for (UpdaterBlock b : blocks) {
            covered.add(new int[]{b.getParamOffsetStart(), b.getParamOffsetEnd()});
        }
        covered.sort(java.util.Comparator.comparingInt(r -> r[0]));
        List<int[]> gaps = new ArrayList<>();
        int at = 0;
        for (int[] r : covered) {
            if (r[0] > at) {
                gaps.add(new int[]{at, r[0]});
            }
            at = Math.max(at, r[1]);
        }
        if (at < length) {
            gaps.add(new int[]{at, (int) length});
        }
        return List.copyOf(gaps);
    }

    /** Elements [start, end) of a vector, as a view. */
    private static INDArray range(INDArray vector, int start, int end) {
        return vector.get(NDArrayIndex.interval(start, end));
    }

    /**
     * The Adam updater blocks, when the network's update is nothing but the minibatch division and Adam, plus
     * batch normalization's running statistics: then {@link LeanAdam} divides the gradient itself (as {@code divi}
     * would, in float) on its way into the Adam loop, instead of DL4J's updater running a division op over all
     * gradients first, and the running statistics' blocks (a no-op updater on "gradients" that are already the
     * updates, which DL4J does not divide) are left out, as DL4J's updater does nothing to them either. Null when
     * anything else is part of the update: gradient normalization, L1/L2/weight decay, another updater, or no
     * minibatch division.
     */
    static List<UpdaterBlock> fusedUpdate(MultiLayerNetwork net) {
        if (!(net.getUpdater() instanceof BaseMultiLayerUpdater<?> updater) || !net.conf().isMiniBatch()) {
            return null;
        }
        for (Layer l : net.getLayers()) {
            GradientNormalization norm = l.conf().getLayer().getGradientNormalization();
            if (norm != null && norm != GradientNormalization.None) {
                return null;
            }
        }
        List<UpdaterBlock> adam = new ArrayList<>();
        for (UpdaterBlock b : updater.getUpdaterBlocks()) {
            boolean lean = b.getGradientUpdater() instanceof LeanAdam;
            if (b.skipDueToPretrainConfig(false) || !lean && !(b.getGradientUpdater() instanceof NoOpUpdater)) {
                return null;
            }
            for (UpdaterBlock.ParamState ps : b.getLayersAndVariablesInBlock()) {
                List<Regularization> r = ps.getLayer().getConfig().getRegularizationByParam(ps.getParamName());
                // Adam's parameters are divided, the no-op's (running statistics) not: anything else is not this case
                if (r != null && !r.isEmpty() || ps.getLayer().updaterDivideByMinibatch(ps.getParamName()) != lean) {
                    return null;
                }
            }
            if (lean) {
                adam.add(b);
            }
        }
        return List.copyOf(adam);
    }

    /**
     * The lean step's once-per-JVM work, done by engines before their first trial so that it does not count as
     * that trial's set-up: finding which arithmetic the loaded ND4J build's Adam uses ({@link LeanAdam#arithmetic()}
     * runs ND4J's adam_updater op once, ~50 ms in a cold JVM, most of it ND4J loading its custom-op table) and
     * whether its column sums are Java's ({@link ColumnSums#matchNd4j()}). Later calls return at once; a trial
     * started without it does the same work itself.
     */
    public static void prepare() {
        LeanAdam.arithmetic();
        ColumnSums.matchNd4j();
    }

    /**
     * How the Java kernels' loops over channels run in this JVM: {@code vector} (the module
     * {@code jdk.incubator.vector} is there) or {@code scalar}; the results are bit-identical either way.
     */
    public static String channelLoops() {
        return Kernels.channelLoops();
    }

    /** The step for a freshly initialized network in the given mode. */
    public static TrainingStep of(MultiLayerNetwork net, StepMode mode) {
        return new TrainingStep(net, java.util.Objects.requireNonNull(mode, "mode"), true);
    }

    /** As {@link #of}, with every ReLU layer in a stage of its own (what the fused stages are tested against). */
    static TrainingStep unfused(MultiLayerNetwork net, StepMode mode) {
        return new TrainingStep(net, mode, false);
    }

    /** The hidden layers' stages, in order (tests). */
    List<Stage> stagesForTest() {
        return stages;
    }

    /** How many of the hidden layers the Java kernels run (conv, max pooling, batch norm, ReLU). */
    int kernelStages() {
        return kernelStages;
    }

    /** This step's path: {@code dl4j} when the network falls back to {@code fit}, whatever was asked. */
    public StepMode mode() {
        return fallback != null ? StepMode.DL4J : mode;
    }

    /**
     * The stage for a hidden layer: dense layers and Bernoulli dropout always by the lean step's own code
     * (bit-identical to DL4J's), convolution, max pooling, batch normalization and ReLU layers by the Java
     * kernels when {@code kernels} is set, everything else by DL4J's own layer.
     */
    static Stage stage(int i, Layer layer, InputPreProcessor pre, boolean kernels) {
        if (layer instanceof DenseLayer) {
            return new DenseStage(i, (BaseLayer<?>) layer, pre);
        }
        if (DropoutStage.accepts(layer)) {
            return new DropoutStage(i, layer, pre);
        }
        if (kernels && ConvStage.accepts(layer)) {
            return new ConvStage(i, (ConvolutionLayer) layer, pre);
        }
        if (kernels && MaxPoolStage.accepts(layer)) {
            return new MaxPoolStage(i, (SubsamplingLayer) layer, pre);
        }
        if (kernels && BatchNormStage.accepts(layer)) {
            return new BatchNormStage(i, (BatchNormalization) layer, pre);
        }
        if (kernels && ReluStage.accepts(layer)) {
            return new ReluStage(i, pre);
        }
        return new DelegateStage(i, layer, pre);
    }

    /** Null when the lean step trains this network, otherwise why it goes through DL4J's {@code fit}. */
    public String fallbackReason() {
        return fallback;
    }

    /**
     * Which code trains each layer, in order, the output layer last: {@code kernel} (a Java kernel on NHWC data:
     * convolution, max pooling, batch norm, ReLU), {@code step} (this step's own dense, output and dropout code, op
     * for op DL4J's) or {@code dl4j} (DL4J's own layer, {@link DelegateStage}); empty when the network goes through
     * {@code fit} ({@link #fallbackReason()}). What the benchmark prints and checks.
     */
    public List<String> layerPaths() {
        List<String> paths = new ArrayList<>();
        for (Stage s : stages) {
            paths.add(s instanceof DelegateStage ? "dl4j" : s instanceof ConvStage || s instanceof MaxPoolStage
                    || s instanceof BatchNormStage || s instanceof ReluStage ? "kernel" : "step");
        }
        if (output != null) {
            paths.add("step");
        }
        return List.copyOf(paths);
    }

    /**
     * Trains one minibatch.
     *
     * @return false when training diverged: the loss ({@code fit}) or the network's output for this minibatch
     *         (lean step) is NaN or infinite. The lean step does not compute the loss (DL4J's softmax
     *         cross-entropy clips probabilities, so with finite outputs the loss is finite).
     */
    @SuppressWarnings("try") // the workspace scope is the try's point, not its variable
    public boolean fit(DataSet batch) {
        if (fallback != null || batch.getFeaturesMaskArray() != null || batch.getLabelsMaskArray() != null) {
            net.fit(batch);
            return Double.isFinite(net.score());
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int iteration = conf.getIterationCount();
        int epoch = conf.getEpochCount();
        synchronizeCounts(iteration, epoch);
        INDArray labels = batch.getLabels();
        int n = (int) labels.size(0);
        DefaultGradient gradient = new DefaultGradient(net.getFlattenedGradients());
        boolean finite;
        try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
            Activations x = Activations.of(batch.getFeatures());
            long t = StepProfile.ON ? System.nanoTime() : 0;
            for (Stage s : stages) {
                x = s.forward(x, n, mgr);
                t = profile(s, " forward", t);
            }
            output.forward(x, n, mgr);
            finite = output.finite();
            output.labels(labels);
            t = profile(output, " forward", t);
            Activations eps = output.backward(null, output.index > lowestTrainable, gradient, n, mgr);
            t = profile(output, " backward", t);
            for (int i = stages.size() - 1; i >= lowestTrainable; i--) {
                eps = stages.get(i).backward(eps, i > lowestTrainable, gradient, n, mgr);
                t = profile(stages.get(i), " backward", t);
            }
        } finally {
            output.clear();
            for (Stage s : stages) {
                s.clear();
            }
        }
        long u = StepProfile.ON ? System.nanoTime() : 0;
        // As StochasticGradientDescent.optimize: updater (its working memory is the step workspace, closed
        // again here as the updater asserts), parameters minus update, iteration count, constraints.
        if (fusedBlocks != null) {
            // Adam's parameters updated in place block by block, and the rest (BN's running statistics, whose
            // "gradients" are already their updates) minus their gradient, as fit subtracts the whole vector
            for (int i = 0; i < fusedBlocks.size(); i++) {
                INDArray[] v = fusedViews.get(i);
                ((LeanAdam) fusedBlocks.get(i).getGradientUpdater()).applyAndSubtract(v[0], v[1], iteration, epoch, n);
            }
            for (INDArray[] v : unfusedViews) {
                v[0].subi(v[1]);
            }
        } else {
            net.getUpdater().update(net, gradient, iteration, epoch, n, mgr);
            INDArray update = net.getFlattenedGradients();
            net.params().subi(update.reshape(update.length()));
        }
        conf.setIterationCount(iteration + 1);
        net.applyConstraints(iteration + 1, epoch);
        net.clearLayersStates();
        synchronizeCounts(iteration + 1, epoch);
        if (StepProfile.ON) {
            StepProfile.add("update", System.nanoTime() - u);
            StepProfile.step();
        }
        return finite;
    }

    /** With the profile on, adds the time since {@code since} to the stage's part; returns the time now. */
    private static long profile(Stage s, String pass, long since) {
        if (!StepProfile.ON) {
            return 0;
        }
        long now = System.nanoTime();
        StepProfile.add(s.index + " " + s.getClass().getSimpleName() + pass, now - since);
        return now;
    }

    /** Examples per inference pass of the Java kernels: their buffers are sized for training minibatches. */
    static final int INFERENCE_CHUNK = 128;

    /**
     * The network's output (class probabilities) in inference mode, as {@code net.output(features, false)}: by
     * the stages, in chunks of {@value #INFERENCE_CHUNK} examples, where the Java kernels train this network
     * (their results agree with DL4J's layers to float rounding; inference has no dependence between examples,
     * so chunking changes nothing), else by DL4J's {@code output} itself, so that networks trained bit-identically
     * to {@code fit} are evaluated as they always were.
     */
    @SuppressWarnings("try") // the workspace scope is the try's point, not its variable
    public INDArray output(INDArray features) {
        if (fallback != null || kernelStages == 0) {
            return net.output(features, false);
        }
        long n = features.size(0);
        INDArray probs = NativeFloats.detached(n, output.outputs());
        for (long start = 0; start < n; start += INFERENCE_CHUNK) {
            long end = Math.min(n, start + INFERENCE_CHUNK);
            int m = (int) (end - start);
            try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.ACTIVATIONS)) {
                INDArray rows = features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                Activations x = Activations.of(rows.dup('c'));
                for (Stage s : stages) {
                    x = s.forward(x, m, false, mgr);
                }
                INDArray p = output.forward(x, m, false, mgr).array(mgr, ArrayType.ACTIVATIONS);
                Ops.assign(probs.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()), p);
            } finally {
                output.clear();
                for (Stage s : stages) {
                    s.clear();
                }
            }
        }
        net.clearLayersStates();
        return probs;
    }

    /**
     * Brings the network's updater state view up to date. {@link LeanAdam} keeps Adam's moments in Java arrays
     * between steps, which saves copying them in and out of native memory every iteration; the state view (which
     * nothing reads during training) is written on this call. Call it before reading or saving the updater state.
     */
    public void syncUpdaterState() {
        for (LeanAdam a : leanAdams) {
            a.flushState();
        }
    }

    /**
     * Frees the native buffers the stages hold for the trial (convolution patches and outputs, dropout's uniform
     * numbers) at once, rather than whenever the garbage collector finds their wrappers. Call it when the trial is
     * over; the step is not used afterwards. The network is left as it is.
     */
    @Override
    public void close() {
        for (Stage s : stages) {
            s.close();
        }
        if (output != null) {
            output.close();
        }
    }

    private void synchronizeCounts(int iteration, int epoch) {
        for (Layer l : net.getLayers()) {
            l.setIterationCount(iteration);
            l.setEpochCount(epoch);
        }
    }

    /** Why this network cannot take the lean step, or null. */
    static String unsupported(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getBackpropType() != BackpropType.Standard) {
            return "truncated BPTT";
        }
        if (!net.getListeners().isEmpty()) {
            return "training listeners";
        }
        Layer[] layers = net.getLayers();
        if (layers.length < 2 || !(layers[layers.length - 1] instanceof OutputLayer)) {
            return "the last layer is not a dense output layer";
        }
        for (int i = 0; i < layers.length; i++) {
            Layer l = layers[i];
            var c = conf.getConf(i);
            if (c.getOptimizationAlgo() != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT
                    || c.getStepFunction() != null) {
                return "layer " + i + ": optimizer " + c.getOptimizationAlgo();
            }
            if (l instanceof DenseLayer || l instanceof OutputLayer) {
                BaseLayer<?> w = (BaseLayer<?>) l;
                var lc = (org.deeplearning4j.nn.conf.layers.BaseLayer) c.getLayer();
                if (w.hasLayerNorm() || lc.getWeightNoise() != null || lc.getIDropout() != null) {
                    return "layer " + i + ": layer norm, weight noise or dropout on a dense layer";
                }
            } else if (!(l instanceof DropoutLayer || l instanceof BatchNormalization || l instanceof ActivationLayer
                    || l instanceof ConvolutionLayer || l instanceof SubsamplingLayer)) {
                return "layer " + i + ": " + l.getClass().getSimpleName();
            }
        }
        return null;
    }
}
