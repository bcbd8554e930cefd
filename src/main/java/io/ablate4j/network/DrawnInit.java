package io.ablate4j.network;

import io.ablate4j.config.Init;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's view of an {@link Init}: draws a layer's weights (or, through {@link RandomBias}, its biases) from the
 * trial's seeded ND4J generator. DL4J passes a strided convolution a fan-out divided by the stride area; this class
 * multiplies it back ({@code strideArea}), so that the fans are Keras' and PyTorch's. A truncated normal is cut at two
 * standard deviations by redrawing, as Keras and TensorFlow do. Written into {@code network.json} with its parameters.
 */
public final class DrawnInit implements IWeightInit {
    private static final long serialVersionUID = 1L;

    private String distribution;
    private double scale;
    private String fan;
    private double mean;
    private double spread;
    private int strideArea;
    private String scheme;

    /** For Jackson. */
    public DrawnInit() {
    }

    DrawnInit(Init init, int strideArea) {
        if (init.dl4j()) {
            throw new IllegalArgumentException("DL4J's own initializer: " + init);
        }
        this.distribution = init.distribution().name();
        this.scale = init.scale();
        this.fan = init.fan().name();
        this.mean = init.mean();
        this.spread = init.spread();
        this.strideArea = strideArea;
        this.scheme = init.describe();
    }

    /** The initializer this draws from. */
    public Init init() {
        return new Init(Init.Distribution.valueOf(distribution), scale, Init.Fan.valueOf(fan), mean, spread, false);
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        fill(fanIn, fanOut * strideArea, paramView);
        return paramView.reshape(order, shape);
    }

    /** Fills {@code view} for a layer with these fans (Keras' convention). */
    void fill(double fanIn, double fanOut, INDArray view) {
        Init init = init();
        double p = init.parameter(fanIn, fanOut);
        switch (init.distribution()) {
            case NORMAL -> Nd4j.randn(view).muli(p).addi(mean);
            case TRUNCATED_NORMAL -> view.assign(truncated(view.length(), p).reshape(view.shape()));
            case UNIFORM -> Nd4j.rand(view, Nd4j.getDistributions().createUniform(mean - p, mean + p));
            case CONSTANT -> view.assign(p);
        }
    }

    /** N(mean, sigma²) cut at mean ± 2 sigma: values outside are drawn again. */
    private INDArray truncated(long n, double sigma) {
        Random rng = Nd4j.getRandom();
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            double x;
            do {
                x = rng.nextGaussian();
            } while (Math.abs(x) > 2);
            v[i] = (float) (mean + sigma * x);
        }
        return Nd4j.createFromArray(v);
    }

    public String getDistribution() {
        return distribution;
    }

    public void setDistribution(String distribution) {
        this.distribution = distribution;
    }

    public double getScale() {
        return scale;
    }

    public void setScale(double scale) {
        this.scale = scale;
    }

    public String getFan() {
        return fan;
    }

    public void setFan(String fan) {
        this.fan = fan;
    }

    public double getMean() {
        return mean;
    }

    public void setMean(double mean) {
        this.mean = mean;
    }

    public double getSpread() {
        return spread;
    }

    public void setSpread(double spread) {
        this.spread = spread;
    }

    public int getStrideArea() {
        return strideArea;
    }

    public void setStrideArea(int strideArea) {
        this.strideArea = strideArea;
    }

    /** How ablate4j names it, e.g. {@code glorot-uniform}: for people reading {@code network.json}. */
    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = scheme;
    }
}
