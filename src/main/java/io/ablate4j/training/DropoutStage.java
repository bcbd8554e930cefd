package io.ablate4j.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * layers the masks are DL4J's; the Java kernels' convolutional data in its NHWC order (see
 * {@link Activations#nhwc}), which assigns the same random numbers to other elements than DL4J's NCHW arrays
 * would (the same distribution, a different draw).
 */
final class DropoutStage extends Stage {
    private final double p;
    private INDArray mask;
    /** Whether this step's mask is over NHWC memory (Java kernels' data) rather than DL4J's layout. */
    private boolean nhwc;

    DropoutStage(int index, Layer layer, InputPreProcessor pre) {
        super(index, pre);
        this.p = ((Dropout) layer.conf().getLayer().getIDropout()).getP();
    }

    static boolean accepts(Layer layer) {
        return layer instanceof DropoutLayer && layer.conf().getLayer().getIDropout() instanceof Dropout d
                && d.getClass() == Dropout.class && d.getPSchedule() == null;
    }

    @Override
    Activations activate(Activations x, LayerWorkspaceMgr mgr) {
        nhwc = x.rank4() && x.hasFloats();
        INDArray in = nhwc ? x.nhwc(mgr, ArrayType.ACTIVATIONS) : x.array(mgr, ArrayType.ACTIVATIONS);
        mask = mgr.createUninitialized(ArrayType.INPUT, in.dataType(), in.shape(), in.ordering());
        Nd4j.getExecutioner().exec(new UniformDistribution(mask, 0.0, 1.0));
        INDArray keep = mgr.createUninitialized(ArrayType.INPUT, DataType.BOOL, in.shape(), in.ordering());
        Nd4j.getExecutioner().exec(new ScalarLessThan(mask, keep, p));
        mask.assign(keep).muli(1.0f / (float) p); // the op divides in float: (float) (1.0 / p) differs at p = 0.55
        return times(in, ArrayType.ACTIVATIONS, mgr);
    }

    @Override
    Activations backprop(Activations eps, boolean inputGradient, Gradient into, LayerWorkspaceMgr mgr) {
        if (!inputGradient) {
            return null;
        }
        INDArray e = nhwc ? eps.nhwc(mgr, ArrayType.ACTIVATION_GRAD) : eps.array(mgr, ArrayType.ACTIVATION_GRAD);
        return times(e, ArrayType.ACTIVATION_GRAD, mgr);
    }

    /** {@code a} times the mask (both in the mask's layout), handed on in DL4J's. */
    private Activations times(INDArray a, ArrayType type, LayerWorkspaceMgr mgr) {
        INDArray out = mgr.createUninitialized(type, a.dataType(), a.shape(), a.ordering());
        Nd4j.getExecutioner().exec(new MulOp(a, mask, out));
        return Activations.of(nhwc ? out.permute(0, 3, 1, 2) : out);
    }

    @Override
    void clear() {
        mask = null;
    }
}
