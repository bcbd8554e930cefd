package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ablate4j.config.AugmentConfig;
import io.ablate4j.config.DatasetConfig;
import io.ablate4j.config.Enums.Normalization;
import io.ablate4j.config.Enums.SyntheticShape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CacheTest {
    private final DataCache cache = new DataCache();

    private static DatasetConfig config(long seed, AugmentConfig augment) {
        DatasetConfig c = Fixtures.synthetic(SyntheticShape.BLOBS, 5, 3, 1.0, 0, 60, 20, 20, seed, Normalization.NONE);
        return new DatasetConfig(c.name(), c.source(), c.path(), c.trainSize(), c.validationSize(), c.testSize(),
                c.splitSeed(), c.normalize(), augment, c.csv(), c.synthetic());
    }

    @Test
    void equalConfigsShareOneInstanceAugmentationAside() {
        LoadedData a = cache.load(config(101, AugmentConfig.NONE));
        LoadedData b = cache.load(config(101, AugmentConfig.NONE));
        LoadedData c = cache.load(config(101, new AugmentConfig(2, true, 0)));
        LoadedData other = cache.load(config(102, AugmentConfig.NONE));
        assertSame(a, b);
        assertSame(a, c);
        assertNotSame(a, other);
    }

    @Test
    void concurrentCallersGetTheSameInstance() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LoadedData>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.load(config(103, AugmentConfig.NONE))));
            }
            LoadedData first = results.get(0).get();
            for (Future<LoadedData> f : results) {
                assertSame(first, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void twoCachesShareNothing() {
        // what two runs in one JVM rely on: each reads its own data, however equal the configs
        DataCache other = new DataCache();
        assertNotSame(cache.load(config(105, AugmentConfig.NONE)), other.load(config(105, AugmentConfig.NONE)));
    }

    @Test
    void failuresAreNotCached() {
        DatasetConfig tooBig = Fixtures.bundled(20_000, 0, 0, 104, Normalization.NONE);
        DataException first = assertThrows(DataException.class, () -> cache.load(tooBig));
        DataException second = assertThrows(DataException.class, () -> cache.load(tooBig));
        assertNotSame(first, second);
        assertEquals(first.getMessage(), second.getMessage());
    }
}
