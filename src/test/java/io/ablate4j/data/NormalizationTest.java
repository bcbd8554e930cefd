package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.config.CsvConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SyntheticShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class NormalizationTest {
    private static LoadedData synthetic(Normalization n) {
        return DataLoader.loadUncached(Fixtures.synthetic(SyntheticShape.BLOBS, 5, 3, 2.0, 0, 400, 100, 300, 21, n),
                List.of());
    }

    @Test
    void standardizeIsFittedOnTrainOnly() {
        LoadedData d = synthetic(Normalization.STANDARDIZE);
        INDArray train = d.train().getFeatures();
        for (int j = 0; j < 5; j++) {
            assertEquals(0.0, train.getColumn(j).meanNumber().doubleValue(), 1e-4);
            assertEquals(1.0, train.getColumn(j).stdNumber().doubleValue(), 0.01); // ND4J's std is the population one
        }
        INDArray test = d.test().getFeatures();
        double worstMean = 0;
        for (int j = 0; j < 5; j++) {
            worstMean = Math.max(worstMean, Math.abs(test.getColumn(j).meanNumber().doubleValue()));
        }
        assertTrue(worstMean > 1e-3, "test looks fitted on itself: largest |mean| " + worstMean);
        // validation transformed with the same statistics: its raw version maps exactly
        LoadedData raw = synthetic(Normalization.NONE);
        INDArray mean = raw.train().getFeatures().mean(0);
        INDArray std = raw.train().getFeatures().std(false, 0);
        INDArray expected = raw.validation().getFeatures().subRowVector(mean).divRowVector(std);
        assertTrue(expected.equalsWithEps(d.validation().getFeatures(), 1e-3));
    }

    @Test
    void minmaxMapsTrainOntoTheUnitIntervalAndTestWithTrainsRange() {
        LoadedData d = synthetic(Normalization.MINMAX);
        assertEquals(0.0, d.train().getFeatures().minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, d.train().getFeatures().maxNumber().doubleValue(), 1e-6);
        LoadedData raw = synthetic(Normalization.NONE);
        INDArray min = raw.train().getFeatures().min(0);
        INDArray range = raw.train().getFeatures().max(0).sub(min);
        INDArray expected = raw.test().getFeatures().subRowVector(min).divRowVector(range);
        assertTrue(expected.equalsWithEps(d.test().getFeatures(), 1e-4));
    }

    @Test
    void scale01OnTabularDataIsTheTrainMinMax(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "10,0\n20,1\n30,0\n40,1\n50,0\n60,1\n70,0\n80,1\n");
        CsvConfig csv = new CsvConfig(file.toString(), file.toString(), -1, false, ',', 0);
        LoadedData d = DataLoader.loadUncached(Fixtures.csv(csv, 4, 0, 0, 1, Normalization.SCALE01), List.of());
        LoadedData raw = DataLoader.loadUncached(Fixtures.csv(csv, 4, 0, 0, 1, Normalization.NONE), List.of());
        assertEquals(0.0, d.train().getFeatures().minNumber().doubleValue(), 1e-6);
        assertEquals(1.0, d.train().getFeatures().maxNumber().doubleValue(), 1e-6);
        double min = raw.train().getFeatures().minNumber().doubleValue();
        double max = raw.train().getFeatures().maxNumber().doubleValue();
        INDArray expected = raw.test().getFeatures().sub(min).div(max - min);
        assertTrue(expected.equalsWithEps(d.test().getFeatures(), 1e-5));
    }

    @Test
    void constantFeaturesStayFinite() {
        // some corner pixels are 0 in every one of these images: standardizing must not divide by 0
        DatasetConfig raw = Fixtures.bundled(500, 0, 100, 3, Normalization.NONE);
        assertEquals(0.0, DataLoader.loadUncached(raw, List.of()).train().getFeatures().std(0).minNumber()
                .doubleValue());
        LoadedData d = DataLoader.loadUncached(Fixtures.bundled(500, 0, 100, 3, Normalization.STANDARDIZE), List.of());
        assertTrue(Double.isFinite(d.train().getFeatures().sumNumber().doubleValue()));
        assertTrue(Double.isFinite(d.test().getFeatures().sumNumber().doubleValue()));
    }
}
