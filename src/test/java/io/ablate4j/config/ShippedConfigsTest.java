package io.ablate4j.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ablate4j.sweep.Plan;
import io.ablate4j.sweep.SweepExpander;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Shipped configs are tested documentation: every file in configs/ loads and expands. */
class ShippedConfigsTest {
    @TestFactory
    Stream<DynamicTest> everyShippedConfigValidates() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
            Plan plan = SweepExpander.expand(ConfigLoader.load(f));
            assertTrue(plan.trials().size() > 0);
        }));
    }
}
