package io.ablate4j.training.lean;

import io.ablate4j.random.Prng;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Random;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's {@link AdamUpdater} with the element loop in Java. ND4J's {@code adam_updater} op is a scalar loop
 * (about 5 ns per parameter: a square root and a division each, unvectorized); the same arithmetic on Java arrays
 * is vectorized by the JIT, and costs less even with the copies in and out of native memory.
 *
 * <p>The results are ND4J's bit for bit. The arithmetic the op compiles to differs between ND4J builds: the
 * generic x86-64 build rounds every product, the AVX-512 build fuses {@code beta * state + ...} into an FMA. Which
 * one the loaded build does is found once per JVM by running the op on a probe and comparing
 * ({@link #arithmetic()}); when neither matches (another platform, another ND4J), the op itself is used.
 * {@code beta^t} is computed with ND4J's own pow, the rest of the step size as the op does (float square root, the
 * division in double).
 *
 * <p>The moments m and v stay in Java arrays from one step to the next instead of being copied out of the
 * updater state view and back every step (two of the three copies each way); {@link #flushState()} writes them
 * to the view. The copy belongs to the two view arrays it was read from: when the updater is given other arrays
 * ({@code setState}, {@code setStateViewArray}, {@code setM}, {@code setV}) they are read again. Values written
 * into the same arrays while training ({@code BaseMultiLayerUpdater.setStateViewArray} assigns in place) would
 * not be seen, and ablate4j never does that. Only the gradient is copied in and the update out.
 */
final class LeanAdam extends AdamUpdater {
    /** How ND4J's adam_updater rounds {@code m = b1 m + (1 - b1) g} and {@code v = b2 v + (1 - b2) g²}. */
    enum Arithmetic { ROUNDED, FUSED, UNKNOWN }

    private static volatile Arithmetic arithmetic;

    private final Arithmetic mode;
    private float[] g = new float[0];
    /** Adam's moments, kept here between steps: the contents of the views {@code heldM} and {@code heldV}. */
    private float[] m = new float[0];
    private float[] v = new float[0];
    private INDArray heldM;
    private INDArray heldV;

    private LeanAdam(AdamUpdater original, Arithmetic mode) {
        super(original.getConfig());
        setState(original.getState(), false);
        setGradientReshapeOrder(original.getGradientReshapeOrder());
        this.mode = mode;
    }

    /** The lean replacement for {@code original}, or {@code original} when this ND4J's arithmetic is unknown. */
    static AdamUpdater of(AdamUpdater original) {
        Arithmetic a = arithmetic();
        return a == Arithmetic.UNKNOWN ? original : new LeanAdam(original, a);
    }

    /** DL4J's entry point: {@code gradient} already divided by the minibatch size. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        applyUpdater(gradient, iteration, epoch, 1);
    }

    /**
     * Divides the gradient by {@code minibatch} as DL4J's updater does before the updater ({@code divi}, in float),
     * then applies Adam; the update replaces the gradient, as in {@link #applyUpdater(INDArray, int, int)}.
     */
    void applyUpdater(INDArray gradient, int iteration, int epoch, int minibatch) {
        if (!lean(gradient)) {
            if (minibatch != 1) {
                Ops.exec(new ScalarDivision(gradient, null, gradient, minibatch)); // gradient.divi(minibatch)
            }
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        int n = (int) gradient.length();
        FloatPointer gp = pointer(gradient);
        try {
            gp.get(g, 0, n);
            divide(g, n, minibatch);
            Adam c = getConfig();
            update(mode, g, m, v, n, (float) c.getLearningRate(iteration, epoch), (float) c.getBeta1(),
                    (float) c.getBeta2(), (float) c.getEpsilon(), iteration);
            gp.put(g, 0, n);
        } finally {
            Reference.reachabilityFence(gradient); // gp is its raw memory
        }
    }

    /**
     * {@link #applyUpdater(INDArray, int, int, int)} followed by {@code params.subi(gradient)}, DL4J's
     * {@code StochasticGradientDescent} step, with the same values: with the vector module in one pass over the
     * native memory ({@link Kernels#adamStep}), which leaves {@code gradient} as it was instead of replacing it by
     * the update; else as those two, with the update in {@code gradient} as DL4J leaves it.
     */
    void applyAndSubtract(INDArray gradient, INDArray params, int iteration, int epoch, int minibatch) {
        if (!Kernels.VECTOR || !lean(gradient) || !plain(params) || params.length() != gradient.length()
                || !inPlace(gradient, params, iteration, epoch, minibatch)) {
            applyUpdater(gradient, iteration, epoch, minibatch);
            params.subi(gradient);
        }
    }

    /** The one-pass step ({@link Kernels#adamStep}) on plain arrays whose moments are held here; false without it. */
    private boolean inPlace(INDArray gradient, INDArray params, int iteration, int epoch, int minibatch) {
        int n = (int) gradient.length();
        Adam c = getConfig();
        float lr = (float) c.getLearningRate(iteration, epoch);
        float beta1 = (float) c.getBeta1();
        float beta2 = (float) c.getBeta2();
        float epsilon = (float) c.getEpsilon();
        float epsilonT = stepSize(lr, beta1, beta2, epsilon, iteration);
        try {
            return Kernels.adamStep(buffer(gradient, n), buffer(params, n), m, v, n, minibatch,
                    mode == Arithmetic.FUSED, beta1, beta2, 1 - beta1, 1 - beta2, epsilonT, epsilon);
        } finally {
            Reference.reachabilityFence(gradient); // the buffers are their raw memory
            Reference.reachabilityFence(params);
        }
    }

    /**
     * Whether the Java loop can update this gradient: plain float arrays matching the state; if so the moments
     * of the current state arrays are in {@link #m} and {@link #v} afterwards. Otherwise the state kept here has
     * been written back and dropped, for ND4J's op.
     */
    private boolean lean(INDArray gradient) {
        INDArray stateM = getM();
        INDArray stateV = getV();
        if (!plain(gradient) || !plain(stateM) || !plain(stateV) || gradient.length() != stateM.length()
                || gradient.length() > Integer.MAX_VALUE) {
            flushState();
            heldM = null;
            heldV = null;
            return false;
        }
        int n = (int) gradient.length();
        if (g.length != n) {
            g = new float[n];
        }
        if (!holds(stateM, stateV)) {
            m = new float[n];
            v = new float[n];
            heldM = stateM; // held from here on: the copies below read their raw memory
            heldV = stateV;
            pointer(heldM).get(m, 0, n);
            pointer(heldV).get(v, 0, n);
        }
        return true;
    }

    /**
     * Writes the moments kept here into the updater's state view, where DL4J (and anyone reading
     * {@code getStateViewArray()}) finds them. Between calls the state view is not kept up to date.
     */
    void flushState() {
        if (holds(getM(), getV())) {
            // heldM and heldV are fields: the arrays stay reachable while their raw memory is written
            pointer(heldM).put(m, 0, m.length);
            pointer(heldV).put(v, 0, v.length);
        }
    }

    /** Whether the moments kept here are those of these (the current) state arrays. */
    private boolean holds(INDArray stateM, INDArray stateV) {
        return heldM != null && heldM == stateM && heldV == stateV;
    }

    /** ND4J's {@code divi(d)} on a float array: x / (float) d; for a power of two, the same as x * (1 / d). */
    static void divide(float[] g, int n, int d) {
        if (d == 1) {
            return;
        }
        float df = d;
        if (Integer.bitCount(d) == 1) {
            float inverse = 1f / df;
            for (int i = 0; i < n; i++) {
                g[i] *= inverse;
            }
        } else {
            for (int i = 0; i < n; i++) {
                g[i] /= df;
            }
        }
    }

    /** adam_updater's loop: {@code g} in, the update out in its place; {@code m}, {@code v} updated in place. */
    static void update(Arithmetic mode, float[] g, float[] m, float[] v, int n, float lr, float beta1, float beta2,
                       float epsilon, int iteration) {
        float epsilonT = stepSize(lr, beta1, beta2, epsilon, iteration);
        float c1 = 1 - beta1;
        float c2 = 1 - beta2;
        if (mode == Arithmetic.FUSED) {
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = Math.fma(beta1, m[i], gi * c1);
                float vi = Math.fma(beta2, v[i], gi * gi * c2);
                m[i] = mi;
                v[i] = vi;
                g[i] = (mi * epsilonT) / ((float) Math.sqrt(vi) + epsilon);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = beta1 * m[i] + gi * c1;
                float vi = beta2 * v[i] + gi * gi * c2;
                m[i] = mi;
                v[i] = vi;
                g[i] = (mi * epsilonT) / ((float) Math.sqrt(vi) + epsilon);
            }
        }
    }

    /** adam_updater's step size {@code lr · sqrt(1 - beta2^t) / (1 - beta1^t)}, or epsilon where that is not finite. */
    static float stepSize(float lr, float beta1, float beta2, float epsilon, int iteration) {
        float iter = iteration;
        float beta1T = pow(beta1, iter + 1);
        float beta2T = pow(beta2, iter + 1);
        float epsilonT = (float) ((double) (lr * (float) Math.sqrt((float) (1. - beta2T))) / (1.0 - beta1T));
        if (Float.isNaN(epsilonT) || epsilonT == 0 || Float.isInfinite(epsilonT)) {
            epsilonT = epsilon;
        }
        return epsilonT;
    }

    /**
     * {@code base^exponent} by ND4J's float pow, the function the op calls: the scalar op
     * {@code Transforms.pow(b, exponent, false)} runs, held until it returned (see {@link Ops}).
     */
    private static float pow(float base, float exponent) {
        try (INDArray b = Nd4j.scalar(DataType.FLOAT, base)) {
            return Ops.exec(new Pow(b, (double) exponent)).getFloat(0);
        }
    }

    /** Contiguous float memory: a c-order array, or a vector with unit stride (an interval of one is f order). */
    private static boolean plain(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1
                && (a.ordering() == 'c' || a.rank() == 1 && a.stride(0) == 1);
    }

    /**
     * The n floats of a contiguous array's memory as a buffer in the machine's byte order; the buffer does not keep
     * the array alive, the caller holds it.
     */
    private static ByteBuffer buffer(INDArray a, int n) {
        return new BytePointer(a.data().addressPointer()).capacity(4L * n).asByteBuffer().order(ByteOrder.nativeOrder());
    }

    /**
     * The first element of a contiguous array (ND4J's data buffer of a view already starts at the view), without
     * ownership: the caller holds the array while it uses the pointer.
     */
    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }

    /** Which arithmetic reproduces this ND4J build's adam_updater, found once by running it on a probe. */
    static Arithmetic arithmetic() {
        Arithmetic a = arithmetic;
        if (a == null) {
            synchronized (LeanAdam.class) {
                a = arithmetic;
                if (a == null) {
                    a = probe();
                    arithmetic = a;
                }
            }
        }
        return a;
    }

    private static Arithmetic probe() {
        int n = 4096;
        Random r = Prng.lcg(20261122); // not ND4J's generator: the trial's random stream is left alone
        float[] g = new float[n];
        float[] m = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) (r.nextGaussian() * Math.pow(10, -r.nextInt(5)));
            m[i] = (float) (r.nextGaussian() * 1e-2);
            v[i] = (float) Math.abs(r.nextGaussian() * 1e-4);
        }
        int iteration = 37;
        Adam config = new Adam(1e-3);
        INDArray state = Nd4j.createFromArray(concat(m, v)).reshape(1, 2L * n);
        AdamUpdater nd4j = (AdamUpdater) config.instantiate(state, false);
        INDArray grad = Nd4j.createFromArray(g.clone());
        nd4j.applyUpdater(grad, iteration, 0);
        float[] expectUpdate = grad.toFloatVector();
        float[] expectState = state.toFloatVector();
        for (Arithmetic mode : new Arithmetic[]{Arithmetic.ROUNDED, Arithmetic.FUSED}) {
            float[] gj = g.clone();
            float[] mj = m.clone();
            float[] vj = v.clone();
            update(mode, gj, mj, vj, n, (float) config.getLearningRate(iteration, 0), (float) config.getBeta1(),
                    (float) config.getBeta2(), (float) config.getEpsilon(), iteration);
            if (Arrays.equals(gj, expectUpdate) && Arrays.equals(concat(mj, vj), expectState)) {
                return mode;
            }
        }
        return Arithmetic.UNKNOWN;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
