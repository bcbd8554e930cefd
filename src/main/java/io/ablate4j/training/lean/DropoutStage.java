package io.ablate4j.training.lean;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.comparison.ScalarLessThan;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link DropoutLayer} with DL4J's inverted (Bernoulli) {@link Dropout} at a fixed rate. {@code Dropout} draws
 * its mask with ND4J's {@code DropOutInverted} op (keep where u &lt; p, scaled by 1/p), which spends about 9 ns per
 * element; the same uniform numbers u come from {@code UniformDistribution} at ~0.5 ns per element, from the same
 * generator state and leaving it in the same state, so the mask here is bit for bit DL4J's, built from u with a
 * comparison, a cast and a scale.
 *
 * <p>The mask is drawn over the activations as they come: an ND4J array in its own layout, so that after DL4J's
 * layers the masks are DL4J's; the Java kernels' data in its NHWC order, which for convolutional data assigns the
 * same random numbers to other elements than DL4J's NCHW arrays would (the same distribution, a different
 * draw). On Java data, and on dense activations in c order, the uniform numbers still come from ND4J's
 * generator (one op into a reused buffer) and the mask and product are a Java loop with the same float results
 * (five ND4J ops and their allocations cost ~4x the loop on a [128, 256] minibatch): {@code u < p} is exactly {@code p - u > 0} (a
 * difference of two floats is zero only when they are equal), turned into 0 or 1 without a branch.
 */
final class DropoutStage extends Stage {
    private final double p;
    private INDArray mask;
    /** Whether this step's mask is over NHWC memory (Java kernels' data) rather than DL4J's layout. */
    private boolean nhwc;
    private final boolean javaLoop;
    private final float pf;
    private final float scale;
    private INDArray uniform;
    private float[] maskJava = new float[0];
    private float[] out = new float[0];
    private float[] grad = new float[0];
    private final Scratch scratch = new Scratch();
    /** Whether this step's mask is in {@link #maskJava} (the input was Java data). */
    private boolean java;

    DropoutStage(int index, Layer layer, InputPreProcessor pre) {
        this(index, layer, pre, true);
    }

    /** {@code javaLoop} false: always the ND4J ops (the tests' reference for the loop). */
    DropoutStage(int index, Layer layer, InputPreProcessor pre, boolean javaLoop) {
        super(index, pre);
        this.javaLoop = javaLoop;
        this.p = ((Dropout) layer.conf().getLayer().getIDropout()).getP();
        this.pf = (float) p; // ScalarLessThan compares in the array's type
        this.scale = 1.0f / (float) p; // the op divides in float: (float) (1.0 / p) differs at p = 0.55
    }

    static boolean accepts(Layer layer) {
        return layer instanceof DropoutLayer && layer.conf().getLayer().getIDropout() instanceof Dropout d
                && d.getClass() == Dropout.class && d.getPSchedule() == null;
    }

    @Override
    Activations activate(Activations x, boolean training, LayerWorkspaceMgr mgr) {
        if (!training) {
            return x; // DL4J's dropout is the identity at inference
        }
        // the Java loop wherever its mask lands on the elements the ops' would: Java data, or a dense c-order array
        // (whose memory order is its element order); a DL4J rank-4 array keeps the ops, over its own layout
        java = javaLoop && (x.hasFloats() || !x.rank4() && NativeFloats.contiguous(x.array(mgr, ArrayType.ACTIVATIONS)));
        if (java) {
            return activateJava(x);
        }
        nhwc = false;
        INDArray in = nhwc ? x.nhwc(mgr, ArrayType.ACTIVATIONS) : x.array(mgr, ArrayType.ACTIVATIONS);
        mask = mgr.createUninitialized(ArrayType.INPUT, in.dataType(), in.shape(), in.ordering());
        Ops.exec(new UniformDistribution(mask, 0.0, 1.0));
        INDArray keep = mgr.createUninitialized(ArrayType.INPUT, DataType.BOOL, in.shape(), in.ordering());
        Ops.exec(new ScalarLessThan(mask, keep, p));
        Ops.assign(mask, keep);
        Ops.exec(new ScalarMultiplication(mask, null, mask, scale)); // mask.muli(scale), held (see Ops)
        return times(in, ArrayType.ACTIVATIONS, mgr);
    }

    @Override
    Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        if (!inputGradient) {
            return null;
        }
        if (java) {
            int len = eps.length();
            float[] e = eps.floats(scratch);
            grad = Kernels.atLeast(grad, len);
            for (int i = 0; i < len; i++) {
                grad[i] = e[i] * maskJava[i];
            }
            return eps.withData(grad);
        }
        INDArray e = nhwc ? eps.nhwc(mgr, ArrayType.ACTIVATION_GRAD) : eps.array(mgr, ArrayType.ACTIVATION_GRAD);
        return times(e, ArrayType.ACTIVATION_GRAD, mgr);
    }

    private Activations activateJava(Activations x) {
        int len = x.length();
        if (uniform == null || uniform.length() < len) {
            free(uniform);
            uniform = NativeFloats.detached(len);
        }
        INDArray u = uniform.length() == len ? uniform : uniform.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, len));
        Ops.exec(new UniformDistribution(u, 0.0, 1.0));
        maskJava = Kernels.atLeast(maskJava, len);
        NativeFloats.get(u, maskJava, len);
        float[] in = x.floats(scratch);
        out = Kernels.atLeast(out, len);
        for (int i = 0; i < len; i++) {
            float keep = Math.max(Math.min((pf - maskJava[i]) * 0x1p127f * 0x1p22f, 1f), 0f);
            maskJava[i] = keep * scale;
            out[i] = in[i] * maskJava[i];
        }
        return x.withData(out);
    }

    /** {@code a} times the mask (both in the mask's layout), handed on in DL4J's. */
    private Activations times(INDArray a, ArrayType type, LayerWorkspaceMgr mgr) {
        INDArray out = mgr.createUninitialized(type, a.dataType(), a.shape(), a.ordering());
        Ops.exec(new MulOp(a, mask, out));
        return Activations.of(nhwc ? out.permute(0, 3, 1, 2) : out);
    }

    @Override
    void clear() {
        mask = null;
    }

    @Override
    void close() {
        free(uniform);
        uniform = null;
    }
}
