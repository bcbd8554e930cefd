package io.ablate4j.network;

import io.ablate4j.config.Init;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layers whose biases are drawn rather than set to a constant: DL4J M2.1 assigns every bias its layer's
 * {@code biasInit} constant ({@code DefaultParamInitializer.createBias}, {@code ConvolutionParamInitializer.createBias}),
 * so PyTorch's U(±1/√fan_in) biases (and a Keras file's random {@code bias_initializer}) need a layer whose parameter
 * initializer draws them. Each is DL4J's own layer configuration, every setting copied, with only the bias
 * initialization replaced; the layer it instantiates is DL4J's own. The lean training step treats all three as DL4J's
 * (its Java convolution kernels take any configuration whose runtime layer is exactly DL4J's convolution).
 */
final class RandomBias {
    private RandomBias() {
    }

    /** A copy of {@code layer} whose biases are drawn from {@code bias}. */
    static Layer of(Layer layer, Init bias) {
        DrawnInit draw = new DrawnInit(bias, 1);
        if (layer instanceof OutputLayer o) {
            return copy(o, new Output(), draw);
        }
        if (layer instanceof DenseLayer d) {
            return copy(d, new Dense(), draw);
        }
        if (layer instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class) {
            return copy(c, new Conv(), draw);
        }
        throw new IllegalArgumentException("no drawn biases for " + layer.getClass().getSimpleName());
    }

    /** The layer's bias draw, or null for a constant bias. */
    static DrawnInit biasDraw(Layer layer) {
        return layer instanceof Drawn d ? d.getBiasDraw() : null;
    }

    private interface Drawn {
        DrawnInit getBiasDraw();
    }

    private static <T extends Layer> T copy(Layer from, T to, DrawnInit draw) {
        for (Class<?> c = from.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy " + f, e);
                }
            }
        }
        ((Settable) to).setBiasDraw(draw);
        return to;
    }

    private interface Settable {
        void setBiasDraw(DrawnInit draw);
    }

    /** Draws a bias: PyTorch's from the layer's weight fans, Keras' from the bias shape's (n, n). */
    static void draw(DrawnInit d, double weightFanIn, double weightFanOut, long nOut, INDArray view) {
        if (d.init().fan() == Init.Fan.WEIGHT_FAN_IN) {
            d.fill(weightFanIn, weightFanOut, view);
        } else {
            d.fill(nOut, nOut, view);
        }
    }

    /** A dense layer with drawn biases. */
    public static final class Dense extends DenseLayer implements Drawn, Settable {
        private static final long serialVersionUID = 1L;
        private DrawnInit biasDraw;

        @Override
        public DrawnInit getBiasDraw() {
            return biasDraw;
        }

        @Override
        public void setBiasDraw(DrawnInit biasDraw) {
            this.biasDraw = biasDraw;
        }

        @Override
        public ParamInitializer initializer() {
            return new DenseBias(biasDraw);
        }
    }

    /** An output layer with drawn biases. */
    public static final class Output extends OutputLayer implements Drawn, Settable {
        private static final long serialVersionUID = 1L;
        private DrawnInit biasDraw;

        @Override
        public DrawnInit getBiasDraw() {
            return biasDraw;
        }

        @Override
        public void setBiasDraw(DrawnInit biasDraw) {
            this.biasDraw = biasDraw;
        }

        @Override
        public ParamInitializer initializer() {
            return new DenseBias(biasDraw);
        }
    }

    /** A convolution with drawn biases. */
    public static final class Conv extends ConvolutionLayer implements Drawn, Settable {
        private static final long serialVersionUID = 1L;
        private DrawnInit biasDraw;

        @Override
        public DrawnInit getBiasDraw() {
            return biasDraw;
        }

        @Override
        public void setBiasDraw(DrawnInit biasDraw) {
            this.biasDraw = biasDraw;
        }

        @Override
        public ParamInitializer initializer() {
            return new ConvBias(biasDraw);
        }
    }

    private static final class DenseBias extends DefaultParamInitializer {
        private final DrawnInit draw;

        DenseBias(DrawnInit draw) {
            this.draw = draw;
        }

        @Override
        protected INDArray createBias(NeuralNetConfiguration conf, INDArray view, boolean initialize) {
            if (initialize) {
                FeedForwardLayer l = (FeedForwardLayer) conf.getLayer();
                draw(draw, l.getNIn(), l.getNOut(), l.getNOut(), view);
            }
            return view;
        }
    }

    private static final class ConvBias extends ConvolutionParamInitializer {
        private final DrawnInit draw;

        ConvBias(DrawnInit draw) {
            this.draw = draw;
        }

        @Override
        protected INDArray createBias(NeuralNetConfiguration conf, INDArray view, boolean initialize) {
            if (initialize) {
                ConvolutionLayer l = (ConvolutionLayer) conf.getLayer();
                int area = l.getKernelSize()[0] * l.getKernelSize()[1];
                draw(draw, (double) l.getNIn() * area, (double) l.getNOut() * area, l.getNOut(), view);
            }
            return view;
        }
    }
}
