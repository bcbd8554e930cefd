package io.ablate4j.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.report.read.EpochRow;
import io.ablate4j.report.read.Score;
import io.ablate4j.report.read.TrialRow;
import io.ablate4j.results.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverfittingTest {
    private static final double NA = Double.NaN;

    private static TrialRow trial(double bestEpoch, double gapAcc) {
        return new TrialRow("t", "v", 1, TrialStatus.OK, Map.of(), 5, bestEpoch, 0.9, 0.85, 0.84, 0.2, 0.4, 0.41,
                gapAcc, 10, 1000, "");
    }

    /** Epoch rows from parallel arrays of train accuracy, validation accuracy and validation loss. */
    private static List<EpochRow> rows(double[] trainAcc, double[] valAcc, double[] valLoss) {
        List<EpochRow> rows = new ArrayList<>();
        for (int i = 0; i < trainAcc.length; i++) {
            rows.add(new EpochRow("t", "v", 1, i + 1, 0.5, trainAcc[i], valLoss[i], valAcc[i], NA, 0.8, NA, 1, 1000)
                    .withGap(Score.ACCURACY));
        }
        return rows;
    }

    @Test
    void onsetIsTheMinimumOfValidationLossWhenItRisesAfterwards() {
        Overfitting.TrialCurve c = Overfitting.analyse(trial(3, 0.05), rows(
                new double[] {0.80, 0.88, 0.92, 0.95, 0.97},
                new double[] {0.78, 0.84, 0.86, 0.86, 0.85},
                new double[] {0.60, 0.45, 0.40, 0.42, 0.47}));
        assertEquals(3, c.onsetEpoch());
        assertEquals(0.92 - 0.86, c.gapBest(), 1e-12);
        assertEquals(0.97 - 0.85, c.gapFinal(), 1e-12);
        assertEquals(0.12, c.gapMax(), 1e-12);
        assertEquals(0.40, c.valLossMin(), 1e-12);
        assertEquals(0.47, c.valLossFinal(), 1e-12);
        // gaps 0.02, 0.04, 0.06, 0.09, 0.12 against epochs 1..5: slope 0.025
        assertEquals(0.025, c.gapSlope(), 1e-12);
    }

    @Test
    void noOnsetWhileValidationLossKeepsFallingOrStaysFlat() {
        Overfitting.TrialCurve falling = Overfitting.analyse(trial(3, 0.01), rows(new double[] {0.8, 0.85, 0.9},
                new double[] {0.8, 0.84, 0.88}, new double[] {0.6, 0.5, 0.4}));
        assertTrue(Double.isNaN(falling.onsetEpoch()));
        Overfitting.TrialCurve flat = Overfitting.analyse(trial(2, 0.01), rows(new double[] {0.8, 0.85, 0.9},
                new double[] {0.8, 0.84, 0.84}, new double[] {0.6, 0.4, 0.4}));
        assertTrue(Double.isNaN(flat.onsetEpoch()));
    }

    @Test
    void withoutValidationLossThereIsNoOnsetAndWithoutEpochsOnlyTheBestGap() {
        Overfitting.TrialCurve noVal = Overfitting.analyse(trial(2, 0.05), rows(new double[] {0.8, 0.9},
                new double[] {NA, NA}, new double[] {NA, NA}));
        assertTrue(Double.isNaN(noVal.onsetEpoch()));
        Overfitting.TrialCurve none = Overfitting.analyse(trial(4, 0.07), List.of());
        assertEquals(0.07, none.gapBest(), 1e-12);
        assertTrue(Double.isNaN(none.gapFinal()));
        assertTrue(Double.isNaN(none.gapSlope()));
    }
}
