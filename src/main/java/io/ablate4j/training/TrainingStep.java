package io.ablate4j.training;

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
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * One training iteration (forward, backward, update) of a {@link MultiLayerNetwork}: the arithmetic of DL4J
 * 1.0.0-M2.1's {@code MultiLayerNetwork.fit(DataSet)}, op for op, without the work that fit does and then
 * throws away. For the networks {@code NetworkFactory} builds, the parameters, updater state and dropout masks
 * after any number of steps are bit-identical to {@code fit}'s (tested); what is left out:
 * <ul>
 *   <li>the second forward matrix product of every dense and output layer: {@code BaseLayer.backpropGradient}
 *       recomputes the pre-activation it had in the forward pass, here it is kept from the forward pass;</li>
 *   <li>the gradient with respect to the network input: the layers below the lowest layer with parameters
 *       (the first dense layer, an input dropout layer) get no backward pass, and the lowest dense layer computes
 *       no input gradient;</li>
 *   <li>the score: {@code fit} computes the loss and sums every L1/L2 penalty over all weights each iteration
 *       only to report them in {@code score()}. Divergence is noticed here from the output layer's
 *       pre-activations instead, and the epoch's losses come from evaluation as before.</li>
 * </ul>
 * Dense and output layers are done here; every other layer (dropout, batch normalization, activation,
 * convolution, pooling) is run through DL4J's own layer implementation, and the update through the network's own
 * updater (minibatch division, L1/L2/weight decay, Adam/Nesterov/SGD) and constraints (max-norm), so their
 * results are DL4J's by construction; where the update is nothing but the minibatch division and Adam,
 * {@link LeanAdam} does both in one loop (see {@link #fusedUpdate}), and it keeps Adam's moments in Java between
 * steps ({@link #syncUpdaterState()} writes them to the network's updater state view). Three ND4J ops that are
 * slow for what they compute are replaced by equivalents with the same results: Bernoulli dropout masks
 * ({@link DropoutStage}), ReLU's backward pass, and Adam's element loop ({@link LeanAdam}). A network with
 * anything else, or a batch with masks, goes through {@code fit} unchanged, as does everything when the system
 * property {@value #PROPERTY} is {@code dl4j}.
 *
 * <p>Arrays of one step live in a per-thread workspace, as in DL4J's training; the step must run on the thread
 * that runs the trial (dropout masks come from that thread's random generator).
 */
public final class TrainingStep {
    /** System property: {@code dl4j} trains every network through DL4J's {@code fit}, {@code lean} (default) does not. */
    public static final String PROPERTY = "ablate4j.step";

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
    private final WeightedStage output;
    private final String fallback;
    private final LayerWorkspaceMgr mgr;
    private final int lowestTrainable;
    private final List<LeanAdam> leanAdams = new ArrayList<>();
    /** The updater blocks when LeanAdam alone does the whole update (see {@link #fusedUpdate}), else null. */
    private final List<UpdaterBlock> fusedBlocks;

    private TrainingStep(MultiLayerNetwork net) {
        this.net = net;
        String why = "dl4j".equals(System.getProperty(PROPERTY, "lean")) ? PROPERTY + "=dl4j" : unsupported(net);
        this.fallback = why;
        if (why != null) {
            this.stages = List.of();
            this.output = null;
            this.mgr = null;
            this.lowestTrainable = 0;
            this.fusedBlocks = null;
            return;
        }
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView(); // what fit does on its first call; the layers' gradient views point into it
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        Layer[] layers = net.getLayers();
        List<Stage> list = new ArrayList<>();
        int lowest = layers.length - 1;
        for (int i = 0; i < layers.length - 1; i++) {
            InputPreProcessor pre = conf.getInputPreProcess(i);
            list.add(layers[i] instanceof DenseLayer ? new WeightedStage(i, (BaseLayer<?>) layers[i], pre)
                    : DropoutStage.accepts(layers[i]) ? new DropoutStage(i, layers[i], pre)
                    : new DelegateStage(i, layers[i], pre));
            if (layers[i].numParams() > 0) {
                lowest = Math.min(lowest, i);
            }
        }
        this.stages = List.copyOf(list);
        this.output = new WeightedStage(layers.length - 1, (BaseLayer<?>) layers[layers.length - 1],
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
    }

    /**
     * The updater blocks, when the network's update is nothing but the minibatch division and Adam: then
     * {@link LeanAdam} divides the gradient itself (as {@code divi} would, in float) on its way into the Adam
     * loop, instead of DL4J's updater running a division op over all gradients first. Null when anything else is
     * part of the update: gradient normalization, L1/L2/weight decay, parameters DL4J does not divide (batch
     * normalization's running statistics), another updater, or no minibatch division.
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
            for (String param : l.paramTable(false).keySet()) {
                List<Regularization> r = l.conf().getLayer().getRegularizationByParam(param);
                if (!l.updaterDivideByMinibatch(param) || r != null && !r.isEmpty()) {
                    return null;
                }
            }
        }
        List<UpdaterBlock> blocks = updater.getUpdaterBlocks();
        for (UpdaterBlock b : blocks) {
            if (!(b.getGradientUpdater() instanceof LeanAdam) || b.skipDueToPretrainConfig(false)) {
                return null;
            }
        }
        return List.copyOf(blocks);
    }

    /**
     * The lean step's once-per-JVM work, done by engines before their first trial so that it does not count as
     * that trial's set-up: finding which arithmetic the loaded ND4J build's Adam uses ({@link LeanAdam#arithmetic()}
     * runs ND4J's adam_updater op once, ~50 ms in a cold JVM, most of it ND4J loading its custom-op table).
     * Later calls return at once; a trial started without it does the same work itself.
     */
    public static void prepare() {
        LeanAdam.arithmetic();
    }

    /** The step for a freshly initialized network. */
    public static TrainingStep of(MultiLayerNetwork net) {
        return new TrainingStep(net);
    }

    /** Null when the lean step trains this network, otherwise why it goes through DL4J's {@code fit}. */
    public String fallbackReason() {
        return fallback;
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
            INDArray x = batch.getFeatures();
            for (Stage s : stages) {
                x = s.forward(x, n, mgr);
            }
            x = output.forward(x, n, mgr);
            finite = output.finite();
            output.labels(labels);
            INDArray eps = output.backward(null, output.index > lowestTrainable, gradient, n, mgr);
            for (int i = stages.size() - 1; i >= lowestTrainable; i--) {
                eps = stages.get(i).backward(eps, i > lowestTrainable, gradient, n, mgr);
            }
        } finally {
            output.clear();
            for (Stage s : stages) {
                s.clear();
            }
        }
        // As StochasticGradientDescent.optimize: updater (its working memory is the step workspace, closed
        // again here as the updater asserts), parameters minus update, iteration count, constraints.
        if (fusedBlocks != null) {
            for (UpdaterBlock b : fusedBlocks) {
                INDArray view = b.getGradientView();
                ((LeanAdam) b.getGradientUpdater()).applyUpdater(view.reshape(view.length()), iteration, epoch, n);
            }
        } else {
            net.getUpdater().update(net, gradient, iteration, epoch, n, mgr);
        }
        INDArray update = net.getFlattenedGradients();
        net.params().subi(update.reshape(update.length()));
        conf.setIterationCount(iteration + 1);
        net.applyConstraints(iteration + 1, epoch);
        net.clearLayersStates();
        synchronizeCounts(iteration + 1, epoch);
        return finite;
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

    /** One layer's forward and backward pass within a step. */
    private abstract static class Stage {
        final int index;
        final InputPreProcessor pre;

        Stage(int index, InputPreProcessor pre) {
            this.index = index;
            this.pre = pre;
        }

        final INDArray forward(INDArray x, int n, LayerWorkspaceMgr mgr) {
            return activate(pre == null ? x : pre.preProcess(x, n, mgr), mgr);
        }

        final INDArray backward(INDArray eps, boolean inputGradient, Gradient into, int n, LayerWorkspaceMgr mgr) {
            INDArray next = backprop(eps, inputGradient, into, mgr);
            return pre == null || next == null ? next : pre.backprop(next, n, mgr);
        }

        abstract INDArray activate(INDArray x, LayerWorkspaceMgr mgr);

        abstract INDArray backprop(INDArray eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr);

        abstract void clear();
    }

    /** Any other layer: DL4J's own implementation, as {@code fit} runs it. */
    private static final class DelegateStage extends Stage {
        private final Layer layer;
        private INDArray[] detached = new INDArray[0];

        DelegateStage(int index, Layer layer, InputPreProcessor pre) {
            super(index, pre);
            this.layer = layer;
        }

        @Override
        INDArray activate(INDArray x, LayerWorkspaceMgr mgr) {
            INDArray out = layer.activate(x, true, mgr);
            detached = BnCaches.peek(layer); // batch norm's copies for backprop, closed in clear()
            return out;
        }

        @Override
        INDArray backprop(INDArray eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
            Pair<Gradient, INDArray> p = layer.backpropGradient(eps, mgr);
            for (Map.Entry<String, INDArray> e : p.getFirst().gradientForVariable().entrySet()) {
                into.setGradientFor(index + "_" + e.getKey(), e.getValue(),
                        p.getFirst().flatteningOrderForVariable(e.getKey()));
            }
            return inputGradient ? p.getSecond() : null;
        }

        @Override
        void clear() {
            // net.clearLayersStates() clears the layer's input
            BnCaches.close(detached);
            BnCaches.release(layer);
            detached = new INDArray[0];
        }
    }

    /**
     * A {@link DropoutLayer} with DL4J's inverted (Bernoulli) {@link Dropout} at a fixed rate. {@code Dropout}
     * draws its mask with ND4J's {@code DropOutInverted} op (keep where u &lt; p, scaled by 1/p), which spends
     * about 9 ns per element; the same uniform numbers u come from {@code UniformDistribution} at ~0.5 ns per
     * element, from the same generator state and leaving it in the same state, so the mask here is bit for bit
     * DL4J's, built from u with a comparison, a cast and a scale.
     */
    private static final class DropoutStage extends Stage {
        private final double p;
        private INDArray mask;

        DropoutStage(int index, Layer layer, InputPreProcessor pre) {
            super(index, pre);
            this.p = ((Dropout) layer.conf().getLayer().getIDropout()).getP();
        }

        static boolean accepts(Layer layer) {
            return layer instanceof DropoutLayer && layer.conf().getLayer().getIDropout() instanceof Dropout d
                    && d.getClass() == Dropout.class && d.getPSchedule() == null;
        }

        @Override
        INDArray activate(INDArray x, LayerWorkspaceMgr mgr) {
            mask = mgr.createUninitialized(ArrayType.INPUT, x.dataType(), x.shape(), x.ordering());
            Nd4j.getExecutioner().exec(new UniformDistribution(mask, 0.0, 1.0));
            INDArray keep = mgr.createUninitialized(ArrayType.INPUT, DataType.BOOL, x.shape(), x.ordering());
            Nd4j.getExecutioner().exec(new ScalarLessThan(mask, keep, p));
            mask.assign(keep).muli(1.0f / (float) p); // the op divides in float: (float) (1.0 / p) differs at p = 0.55
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), x.ordering());
            Nd4j.getExecutioner().exec(new MulOp(x, mask, out));
            return out;
        }

        @Override
        INDArray backprop(INDArray eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
            if (!inputGradient) {
                return null;
            }
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, eps.dataType(), eps.shape(), eps.ordering());
            Nd4j.getExecutioner().exec(new MulOp(eps, mask, out));
            return out;
        }

        @Override
        void clear() {
            mask = null;
        }
    }

    /**
     * A dense or output layer, with {@code BaseLayer}'s and {@code BaseOutputLayer}'s ops in their order and
     * array layouts, the pre-activation kept from the forward pass.
     */
    private static final class WeightedStage extends Stage {
        private final INDArray w;
        private final INDArray b;
        private final INDArray wGrad;
        private final INDArray bGrad;
        private final IActivation activation;
        private final boolean plainRelu;
        private final ILossFunction loss;
        private INDArray input;
        private INDArray z;
        private INDArray labels;

        WeightedStage(int index, BaseLayer<?> layer, InputPreProcessor pre) {
            super(index, pre);
            var lc = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer();
            Map<String, INDArray> grads = DefaultParamInitializer.getInstance()
                    .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
            this.w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            this.wGrad = grads.get(DefaultParamInitializer.WEIGHT_KEY);
            this.b = layer.hasBias() ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
            this.bGrad = layer.hasBias() ? grads.get(DefaultParamInitializer.BIAS_KEY) : null;
            this.activation = lc.getActivationFn();
            this.plainRelu = activation instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null
                    && r.getNegativeSlope() == null;
            this.loss = layer instanceof OutputLayer o ? o.layerConf().getLossFn() : null;
        }

        /** The pre-activation {@code x W + b}; for a hidden layer, the activation of a copy of it. */
        @Override
        INDArray activate(INDArray x, LayerWorkspaceMgr mgr) {
            input = x.castTo(w.dataType());
            z = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), input.size(0), w.size(1));
            input.mmuli(w, z);
            if (b != null) {
                z.addiRowVector(b);
            }
            return loss != null ? z : activation.getActivation(z.dup(), true);
        }

        /** Whether every pre-activation is finite: one sum, where the loss would be a dozen ops. */
        boolean finite() {
            return Double.isFinite(z.sumNumber().doubleValue());
        }

        /** The output layer's labels for this step: its backward pass starts from the loss, not from an epsilon. */
        void labels(INDArray labels) {
            this.labels = labels;
        }

        @Override
        INDArray backprop(INDArray eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
            INDArray delta;
            if (loss != null) {
                delta = loss.computeGradient(labels, z, activation, null);
            } else if (plainRelu) {
                // eps where z > 0, else 0: ActivationReLU.backprop's values (its relu_bp op is ~4x slower than
                // these two; an entry where z <= 0 may come out as -0 instead of +0, equal in every use)
                delta = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(), z.shape(), z.ordering());
                Nd4j.getExecutioner().exec(new Step(z, delta, 0.0));
                Nd4j.getExecutioner().exec(new MulOp(delta, eps, delta));
            } else {
                delta = activation.backprop(z, eps).getFirst();
            }
            if (b != null) {
                delta.sum(bGrad, 0);
            }
            INDArray next = inputGradient ? inputGradient(delta, mgr) : null;
            Nd4j.gemm(input, delta, wGrad, true, false, 1.0, 0.0);
            into.setGradientFor(index + "_" + DefaultParamInitializer.WEIGHT_KEY, wGrad);
            if (b != null) {
                into.setGradientFor(index + "_" + DefaultParamInitializer.BIAS_KEY, bGrad);
            }
            return next;
        }

        private INDArray inputGradient(INDArray delta, LayerWorkspaceMgr mgr) {
            INDArray next = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[]{w.size(0), delta.size(0)}, 'f');
            return w.mmuli(delta.transpose(), next).transpose();
        }

        @Override
        void clear() {
            input = null;
            z = null;
            labels = null;
        }
    }
}
