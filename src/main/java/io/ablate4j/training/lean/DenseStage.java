package io.ablate4j.training.lean;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A dense or output layer, with {@code BaseLayer}'s and {@code BaseOutputLayer}'s arithmetic in its order (so its
 * results are {@code fit}'s bit for bit), the pre-activation kept from the forward pass instead of being recomputed
 * in the backward pass as {@code BaseLayer.backpropGradient} does. The matrix products are the OpenBLAS calls ND4J's
 * matmul op makes ({@link NativeFloats#gemmColumnMajor}); for hidden layers with ReLU or the identity, what ND4J
 * does around them as element-wise ops (the copy of the product into c order, bias, activation, ReLU's gradient,
 * the bias gradient's column sums) is done in Java with the same float operations (the benchmark MLP's step
 * 4.17 → 3.7 ms, BENCHMARKS.md).
 */
final class DenseStage extends Stage {
    private final INDArray w;
    private final INDArray b;
    private final INDArray wGrad;
    private final INDArray bGrad;
    private final IActivation activation;
    private final boolean plainRelu;
    private final ILossFunction loss;
    /** A hidden layer with plain ReLU or the identity: its pre-activation is rearranged in Java (see activate). */
    private final boolean javaActivation;
    /**
     * The output layer with softmax and unweighted cross-entropy, whose loss gradient is {@code softmax(z) - labels}
     * ({@code LossMCXENT.computeGradient}): z made in Java, only the softmax by ND4J.
     */
    private final boolean softmaxCrossEntropy;
    /** Whether this step's pre-activation is in {@link #zJava} (training the softmax output layer). */
    private boolean javaZ;
    private float[] zJava = new float[0];
    private boolean zFinite;
    /** Whether the bias gradient of Java deltas is summed in Java (it gives ND4J's sums in this build). */
    private final boolean javaBiasSums;
    private INDArray input;
    private INDArray z;
    private INDArray labels;
    /** This step's activation, when it was made in Java (else null): in c order, ReLU's output or the identity's. */
    private float[] javaOut;
    private float[] product = new float[0];
    private float[] activated = new float[0];
    private float[] bias = new float[0];
    private float[] delta = new float[0];
    private final Scratch scratch = new Scratch();

    DenseStage(int index, BaseLayer<?> layer, InputPreProcessor pre) {
        super(index, pre);
        var lc = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer();
        Map<String, INDArray> grads = DefaultParamInitializer.getInstance()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray());
        this.w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        this.wGrad = grads.get(DefaultParamInitializer.WEIGHT_KEY);
        this.b = layer.hasBias() ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
        this.bGrad = layer.hasBias() ? grads.get(DefaultParamInitializer.BIAS_KEY) : null;
        this.activation = lc.getActivationFn();
        this.plainRelu = ReluStage.plain(activation);
        this.loss = layer instanceof OutputLayer o ? o.layerConf().getLossFn() : null;
        this.javaActivation = loss == null && (plainRelu || activation instanceof ActivationIdentity);
        this.javaBiasSums = ColumnSums.matchNd4j();
        this.softmaxCrossEntropy = loss != null && loss.getClass() == LossMCXENT.class
                && ((LossMCXENT) loss).getWeights() == null && activation.getClass() == ActivationSoftmax.class;
    }

    /**
     * The pre-activation {@code x W + b}; for a hidden layer, the activation of a copy of it; for the output
     * layer in inference mode, its activation (the class probabilities).
     *
     * <p>{@code mmuli} into a c-order array, as DL4J's {@code preOutput} calls it, runs its gemm into an f-order
     * temporary and copies that over ({@code BaseNDArray.mmuli}); here the product goes into an f-order array by
     * that same gemm call. For a hidden layer with ReLU or the identity, the copy into c order, the bias and the
     * activation are then one Java pass ({@link Kernels#transposeBiasActivation}: the same float additions, and
     * ND4J's ReLU values), whose result the next stage takes as Java data; otherwise ND4J's copy and ops follow
     * as in DL4J.
     */
    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        input = x.array(mgr, ArrayType.ACTIVATIONS).castTo(w.dataType());
        int n = (int) input.size(0);
        int out = (int) w.size(1);
        INDArray product = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), new long[]{n, out}, 'f');
        if (!NativeFloats.gemmColumnMajor(input, w, product)) {
            input.mmuli(w, product);
        }
        if (javaActivation && w.dataType() == DataType.FLOAT) {
            activated = rearranged(product, n, out, activated, plainRelu);
            javaOut = activated;
            return Activations.ofNhwc(activated, n, 1, 1, out, false);
        }
        javaZ = softmaxCrossEntropy && training && w.dataType() == DataType.FLOAT;
        if (javaZ) {
            // the pre-activation in Java (as a hidden layer's, without activation) for the loss gradient
            zJava = rearranged(product, n, out, zJava, false);
            zFinite = true;
            for (int i = 0; i < n * out; i++) {
                zFinite &= Float.isFinite(zJava[i]);
            }
            return Activations.ofNhwc(zJava, n, 1, 1, out, false);
        }
        z = mgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), n, out);
        Ops.assign(z, product);
        if (b != null) {
            Ops.addRowVector(z, b); // z.addiRowVector(b), held until it returned: see Ops
        }
        return Activations.of(loss != null && training ? z : activation.getActivation(z.dup(), training));
    }

    /**
     * The f-order product (n × out) in c order in {@code into} (grown if needed, and returned), plus the bias,
     * then ReLU where {@code relu}: DL4J's {@code assign}, {@code addiRowVector} and ReLU, value for value.
     */
    private float[] rearranged(INDArray product, int n, int out, float[] into, boolean relu) {
        int len = n * out;
        this.product = Kernels.atLeast(this.product, len);
        float[] result = Kernels.atLeast(into, len);
        NativeFloats.get(product, this.product, len); // f-order memory: contiguous, read as it lies
        if (b != null) {
            bias = Kernels.atLeast(bias, out);
            NativeFloats.get(b, bias, out);
        }
        Kernels.transposeBiasActivation(this.product, b != null ? bias : null, result, n, out, relu);
        return result;
    }

    /**
     * The bias gradient as the column sums of a Java delta (rows × cols), where Java's sums are ND4J's in this
     * build; false, having done nothing, where they are not (or there is no bias): then ND4J sums.
     */
    private boolean biasGradientInJava(float[] d, int rows, int cols) {
        if (b == null || !javaBiasSums) {
            return false;
        }
        bias = Kernels.atLeast(bias, cols);
        ColumnSums.of(d, rows, cols, bias);
        NativeFloats.put(bGrad, bias, cols);
        return true;
    }

    /** The layer's width. */
    long outputs() {
        return w.size(1);
    }

    /** Whether every pre-activation is finite: one sum, where the loss would be a dozen ops. */
    boolean finite() {
        if (javaZ) {
            return zFinite;
        }
        // z.sumNumber(): the op it runs, held until it returned (see Ops)
        return Double.isFinite(Ops.exec(new Sum(z, Integer.MAX_VALUE)).getDouble(0));
    }

    /** The output layer's labels for this step: its backward pass starts from the loss, not from an epsilon. */
    void labels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    Activations backprop(Activations epsilon, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        INDArray delta;
        if (javaZ) {
            // LossMCXENT's softmax(z.dup()) - labels: ND4J's softmax on a c-order copy of z, the rest in Java
            int rows = (int) labels.size(0);
            int cols = (int) labels.size(1);
            int len = rows * cols;
            INDArray probabilities = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[]{rows, cols}, 'c');
            NativeFloats.put(probabilities, zJava, len);
            Ops.exec(new SoftMax(probabilities, probabilities));
            this.delta = Kernels.atLeast(this.delta, len);
            float[] d = this.delta;
            NativeFloats.get(probabilities, d, len);
            INDArray y = labels.castTo(DataType.FLOAT);
            float[] target = scratch.spare(len);
            if (NativeFloats.contiguous(y)) {
                NativeFloats.get(y, target, len);
            } else {
                System.arraycopy(y.dup('c').data().asFloat(), 0, target, 0, len);
            }
            for (int i = 0; i < len; i++) {
                d[i] -= target[i];
            }
            NativeFloats.put(probabilities, d, len);
            return finish(probabilities, inputGradient, into, mgr, !biasGradientInJava(d, rows, cols));
        } else if (loss != null) {
            delta = loss.computeGradient(labels, z, activation, null);
        } else if (javaOut != null) {
            // ReLU: eps where the output is positive (where z > 0), else eps * 0, as Step(z) * eps below
            int len = epsilon.length();
            float[] e = epsilon.floats(scratch);
            float[] d = e;
            if (plainRelu) {
                this.delta = Kernels.atLeast(this.delta, len);
                Kernels.reluBackward(javaOut, e, this.delta, len);
                d = this.delta;
            }
            delta = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                    new long[]{epsilon.examples(), epsilon.channels()}, 'c');
            NativeFloats.put(delta, d, len);
            boolean summed = biasGradientInJava(d, epsilon.examples(), epsilon.channels());
            return finish(delta, inputGradient, into, mgr, !summed);
        } else if (plainRelu) {
            // eps where z > 0, else 0: ActivationReLU.backprop's values (its relu_bp op is ~4x slower than
            // these two; an entry where z <= 0 may come out as -0 instead of +0, equal in every use)
            INDArray eps = epsilon.array(mgr, ArrayType.ACTIVATION_GRAD);
            delta = mgr.createUninitialized(ArrayType.BP_WORKING_MEM, z.dataType(), z.shape(), z.ordering());
            Ops.exec(new Step(z, delta, 0.0));
            Ops.exec(new MulOp(delta, eps, delta));
        } else {
            delta = activation.backprop(z, epsilon.array(mgr, ArrayType.ACTIVATION_GRAD)).getFirst();
        }
        return finish(delta, inputGradient, into, mgr, true);
    }

    /** The bias gradient (if any and {@code biasSum}), the input gradient if asked for, the weight gradient. */
    private Activations finish(INDArray delta, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr,
                               boolean biasSum) {
        if (biasSum && b != null) {
            Ops.exec(new Sum(delta, bGrad, false, 0)); // delta.sum(bGrad, 0), held until it returned (see Ops)
        }
        INDArray next = inputGradient ? inputGradient(delta, mgr) : null;
        if (!NativeFloats.gemmColumnMajor(input.transpose(), delta, wGrad)) {
            Nd4j.gemm(input, delta, wGrad, true, false, 1.0, 0.0);
        }
        into.setGradientFor(index + "_" + DefaultParamInitializer.WEIGHT_KEY, wGrad);
        if (b != null) {
            into.setGradientFor(index + "_" + DefaultParamInitializer.BIAS_KEY, bGrad);
        }
        return next == null ? null : Activations.of(next);
    }

    private INDArray inputGradient(INDArray delta, LayerWorkspaceMgr mgr) {
        INDArray next = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                new long[]{w.size(0), delta.size(0)}, 'f');
        if (!NativeFloats.gemmColumnMajor(w, delta.transpose(), next)) {
            w.mmuli(delta.transpose(), next);
        }
        return next.transpose();
    }

    @Override
    void clear() {
        input = null;
        z = null;
        labels = null;
        javaOut = null;
        javaZ = false;
    }
}
