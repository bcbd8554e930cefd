package io.ablate4j.training.lean;

import io.ablate4j.config.VariantConfig;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.network.NetworkFactoryTest;
import io.ablate4j.run.NativeBuild;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The child JVM of {@link NativeLifetimeTest}. While another thread forces one collection after another (every
 * 0.2 ms, then every 5 ms), so that ND4J's deallocator frees whatever has become unreachable at once:
 * <ol>
 *   <li>the native calls the lean step makes, each in a hot loop (so that the JIT compiles them, which is when a
 *       caller's locals stop counting as references): {@link Ops}' broadcast, reduction and scalar ops, and
 *       {@link NativeFloats}' copies and OpenBLAS product over raw addresses. The same loop over ND4J's own
 *       {@code addiRowVector} dies of SIGSEGV in {@code sd::DataBuffer::primary()} within seconds;</li>
 *   <li>networks over every path of the step (the dense layers' ND4J ops, batch norm and ReLU kernels, a CNN on the
 *       direct and the im2col convolution, pooling, dropout, LeanAdam, inference through the stages), trained
 *       again afterwards without the collections: the numbers must agree bit for bit.</li>
 * </ol>
 * Prints {@code ok} at the end; a buffer freed while in use shows as a crash of this JVM or as a mismatch (exit 2).
 */
public final class GcStress {
    /** Networks: the dense layers' ND4J path (tanh), batch norm with ReLU kernels, a CNN on both conv paths. */
    static final List<String> MODELS = List.of(
            "type: mlp, hidden: [256, 128], activation: tanh, dropout: 0.5",
            "type: mlp, hidden: [64, 64], dropout: 0.5, batchNorm: before-activation",
            "type: cnn, conv: [{filters: 4, kernel: 3}, {filters: 8, kernel: 3}], hidden: [32], dropout: 0.25, "
                    + "batchNorm: before-activation");
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    /** Between two forced collections. */
    private static volatile long pauseNanos = 200_000;

    private GcStress() {
    }

    /** {@code args[0]}: seconds of the ops loop; {@code args[1]}: training steps per network. */
    public static void main(String[] args) throws InterruptedException {
        NativeBuild.select();
        double opSeconds = Double.parseDouble(args[0]);
        int steps = Integer.parseInt(args[1]);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batches.add(NetworkFactoryTest.randomData(i == 3 ? 23 : 64, FEATURES, CLASSES, 11 + i));
        }
        DataSet eval = NetworkFactoryTest.randomData(128, FEATURES, CLASSES, 99);
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                LockSupport.parkNanos(pauseNanos);
            }
        }, "collector");
        collector.setDaemon(true);
        collector.start();
        long loops = ops(opSeconds);
        pauseNanos = 5_000_000; // training does far more than native calls: it must get some time between collections
        List<float[]> stressed = new ArrayList<>();
        long start = System.nanoTime();
        for (String model : MODELS) {
            stressed.add(train(model, steps, batches, eval));
        }
        collector.interrupt();
        collector.join();
        double trained = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < MODELS.size(); i++) {
            if (!Arrays.equals(stressed.get(i), train(MODELS.get(i), steps, batches, eval))) {
                System.out.println("mismatch: " + MODELS.get(i) + " trained to other numbers under collections");
                System.exit(2);
            }
        }
        System.out.printf("ok: %d loops of the step's native calls, %d networks x %d steps in %.1f s, all under "
                + "forced collections%n", loops, MODELS.size(), steps, trained);
    }

    /** The step's native calls in a loop for {@code seconds}; returns the number of loops. */
    private static long ops(double seconds) {
        INDArray z = Nd4j.rand(DataType.FLOAT, 128, 256);
        INDArray row = Nd4j.rand(DataType.FLOAT, 1, 256);
        INDArray sums = Nd4j.create(DataType.FLOAT, 1, 256);
        INDArray w = Nd4j.rand(DataType.FLOAT, 256, 32);
        INDArray product = Nd4j.create(DataType.FLOAT, 128, 32);
        float[] copy = new float[128 * 256];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long loops = 0;
        while (System.nanoTime() < end) {
            // mostly the broadcast (the crash's op), then the other ops that hand native code arrays of their own,
            // the copies and the product now and then: they take longer, and their arrays are the caller's
            for (int i = 0; i < 4; i++) {
                Ops.addRowVector(z, row);
            }
            Ops.exec(new Sum(z, sums, false, 0));
            Ops.exec(new ScalarMultiplication(z, null, z, 0.5f));
            if (loops % 16 == 0) {
                NativeFloats.get(z, copy, copy.length);
                NativeFloats.put(z, copy, copy.length);
                NativeFloats.gemm(z, false, w, false, product, 0f);
            }
            loops++;
        }
        return loops;
    }

    /** The parameters, Adam's state and the last inference output after {@code steps} lean steps. */
    private static float[] train(String model, int steps, List<DataSet> batches, DataSet eval) {
        VariantConfig v = TrainingStepTest.variant(model, "", "type: adam, learningRate: 0.001");
        MultiLayerNetwork net = new MultiLayerNetwork(NetworkFactory.build(v, FEATURES, CLASSES, 7));
        net.init();
        float[] output = new float[0];
        try (TrainingStep step = TrainingStep.of(net, StepMode.LEAN)) {
            for (int i = 0; i < steps; i++) {
                if (!step.fit(batches.get(i % batches.size()))) {
                    throw new IllegalStateException(model + ": diverged at step " + i);
                }
                if (i % 4 == 3) {
                    output = step.output(eval.getFeatures()).data().asFloat();
                }
            }
            step.syncUpdaterState();
        }
        float[] params = net.params().dup().data().asFloat();
        float[] state = net.getUpdater().getStateViewArray().dup().data().asFloat();
        float[] all = Arrays.copyOf(params, params.length + state.length + output.length);
        System.arraycopy(state, 0, all, params.length, state.length);
        System.arraycopy(output, 0, all, params.length + state.length, output.length);
        return all;
    }
}
