package io.ablate4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.ConfigLoader;
import io.ablate4j.config.Enums.Loss;
import io.ablate4j.config.VariantConfig;
import io.ablate4j.network.LossHuber;
import io.ablate4j.network.NetworkFactory;
import io.ablate4j.training.lean.StepMode;
import io.ablate4j.training.lean.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Regression: the metrics against scikit-learn's, the Huber loss, and the lean step against DL4J's fit. */
class RegressionTrainingTest {
    /** y and predictions of the fixture; the expected values below are scikit-learn 1.2.1's (python3-sklearn). */
    static final double[] Y = {3.0, -0.5, 2.0, 7.0, 4.2, 1.1};
    static final double[] P = {2.5, 0.0, 2.1, 7.8, 3.0, 1.9};
    /** r2_score(y, p), mean_squared_error(y, p) ** 0.5, mean_absolute_error(y, p). */
    static final double R2 = 0.9051673517322372;
    static final double RMSE = 0.7337120234351712;
    static final double MAE = 0.65;
    /** mean(where(|d| <= 1, d² / 2, |d| − 1/2)) for d = p − y: torch.nn.HuberLoss(delta=1)'s definition. */
    static final double HUBER = 0.2658333333333333;

    private static INDArray column(double[] v, double mean, double std) {
        double[] t = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            t[i] = (v[i] - mean) / std;
        }
        return Nd4j.create(t, v.length, 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    @Test
    void metricsAreScikitLearnsInTheTargetsOriginalUnits() {
        double mean = 10;
        double std = 4;
        DataSet data = new DataSet(Nd4j.zeros(Y.length, 2), column(Y, mean, std));
        INDArray predictions = column(P, mean, std);
        Scores s = Evaluation.regression(x -> predictions, data, new Target(true, Loss.MSE, mean, std));
        assertEquals(RMSE, s.rmse(), 1e-6);
        assertEquals(MAE, s.mae(), 1e-6);
        assertEquals(R2, s.r2(), 1e-6);
        assertEquals(RMSE * RMSE / (std * std), s.loss(), 1e-6, "the loss is in training (standardized) units");
        assertTrue(Double.isNaN(s.acc()));
        Scores raw = Evaluation.regression(x -> column(P, 0, 1), new DataSet(Nd4j.zeros(Y.length, 2),
                column(Y, 0, 1)), new Target(true, Loss.HUBER, 0, 1));
        assertEquals(HUBER, raw.loss(), 1e-6);
        Scores mae = Evaluation.regression(x -> column(P, 0, 1), new DataSet(Nd4j.zeros(Y.length, 2),
                column(Y, 0, 1)), new Target(true, Loss.MAE, 0, 1));
        assertEquals(MAE, mae.loss(), 1e-6);
    }

    @Test
    void huberLossMatchesItsDefinitionAndItsGradientTheFiniteDifferences() {
        LossHuber huber = new LossHuber();
        INDArray y = Nd4j.create(Y, new long[]{Y.length, 1}, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        INDArray p = Nd4j.create(P, new long[]{P.length, 1}, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        assertEquals(HUBER, huber.computeScore(y, p, new ActivationIdentity(), null, true), 1e-9);
        assertEquals(HUBER * Y.length, huber.computeScoreArray(y, p, new ActivationIdentity(), null)
                .sumNumber().doubleValue(), 1e-9);
        INDArray grad = huber.computeGradient(y, p, new ActivationIdentity(), null);
        double h = 1e-6;
        for (int i = 0; i < Y.length; i++) {
            INDArray up = p.dup();
            up.putScalar(i, 0, p.getDouble(i, 0) + h);
            INDArray down = p.dup();
            down.putScalar(i, 0, p.getDouble(i, 0) - h);
            double numeric = (huber.computeScore(y, up, new ActivationIdentity(), null, false)
                    - huber.computeScore(y, down, new ActivationIdentity(), null, false)) / (2 * h);
            assertEquals(numeric, grad.getDouble(i, 0), 1e-6, "d loss / d prediction " + i);
        }
    }

    static VariantConfig variant(String model, String loss) {
        return ConfigLoader.parse("r.yaml", "name: r\n"
                + "dataset: {name: synthetic, trainSize: 100, validationSize: 20, testSize: 20, "
                + "synthetic: {shape: friedman1}}\n"
                + "model: {" + model + "}\n"
                + "training: {epochs: 1, loss: " + loss + ", optimizer: {type: adam, learningRate: 0.01}}\n").base();
    }

    static List<DataSet> batches(List<Integer> sizes, int features) {
        List<DataSet> out = new ArrayList<>();
        Random r = new Random(3);
        for (int size : sizes) {
            float[][] x = new float[size][features];
            float[][] y = new float[size][1];
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < features; j++) {
                    x[i][j] = (float) r.nextGaussian();
                }
                y[i][0] = (float) (2 * x[i][0] - x[i][1] + 3 * r.nextGaussian());
            }
            out.add(new DataSet(Nd4j.create(x), Nd4j.create(y)));
        }
        return out;
    }

    @Test
    void theConfigurationWithTheHuberLossSurvivesJson() {
        MultiLayerConfiguration conf = NetworkFactory.build(variant("type: mlp, hidden: [8]", "huber"), 10, 1, 1);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertTrue(conf.toJson().contains("io.ablate4j.network.LossHuber"), "named by class in network.json");
    }

    /** Model | loss: the regression networks, in exact mode (and lean where it has no Java kernel) as fit trains them. */
    @ParameterizedTest
    @ValueSource(strings = {
            "type: mlp, hidden: [10], dropout: 0.5 | mse",
            "type: mlp, hidden: [10, 6], inputDropout: 0.1, dropout: 0.3 | mae",
            "type: mlp, hidden: [10], dropout: 0.5 | huber",
            "type: mlp, hidden: [10], dropout: 0.5, batchNorm: after-activation, dropoutPosition: before-bn | mse",
            "type: mlp, hidden: [10], batchNorm: before-activation | huber",
    })
    void regressionStepsAreBitIdenticalToDl4jFit(String spec) {
        String[] p = spec.split("\\|");
        VariantConfig v = variant(p[0].trim(), p[1].trim());
        List<DataSet> batches = batches(List.of(32, 32, 7, 32), 10);
        MultiLayerNetwork reference = new MultiLayerNetwork(NetworkFactory.build(v, 10, 1, 5));
        reference.init();
        for (DataSet b : batches) {
            reference.fit(b);
        }
        boolean kernelFree = !p[0].contains("batchNorm");
        for (StepMode mode : kernelFree ? List.of(StepMode.EXACT, StepMode.LEAN)
                : List.of(StepMode.EXACT)) {
            MultiLayerNetwork lean = new MultiLayerNetwork(NetworkFactory.build(v, 10, 1, 5));
            lean.init();
            TrainingStep step = TrainingStep.of(lean, mode);
            assertNull(step.fallbackReason());
            for (DataSet b : batches) {
                assertTrue(step.fit(b));
            }
            step.syncUpdaterState();
            assertArrayEquals(reference.params().toFloatVector(), lean.params().toFloatVector(), 0f, mode + ": "
                    + "parameters");
            assertArrayEquals(reference.getUpdater().getStateViewArray().toFloatVector(),
                    lean.getUpdater().getStateViewArray().toFloatVector(), 0f, mode + ": Adam state");
        }
    }
}
