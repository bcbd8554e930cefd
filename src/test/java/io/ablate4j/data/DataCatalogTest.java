package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCatalogTest {
    @TempDir
    Path dir;

    @Test
    void catalogSaysWhereEachDatasetIs() throws IOException {
        Path fashion = dir.resolve("fashion-mnist");
        Fixtures.writeIdxSet(fashion, 20, 10, true);
        List<String> lines = DataCatalog.describe(true, List.of(dir.resolve("nope"), fashion),
                List.of(dir.resolve("mnist")));
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).matches("fashion-mnist +source: bundled +yes: 10000 train / 5000 test images.*"),
                lines.get(0));
        assertTrue(lines.get(1).matches("fashion-mnist +source: auto +" + java.util.regex.Pattern.quote(
                fashion.toString())), lines.get(1));
        assertTrue(lines.get(2).contains("not found: put the four IDX files into datasets/mnist/"), lines.get(2));
        List<String> none = DataCatalog.describe(false, List.of(dir.resolve("nope")), List.of());
        assertTrue(none.get(1).endsWith("not found: apt-get install dataset-fashion-mnist, or ./ablate4j data fetch "
                + "fashion-mnist"), none.get(1));
        assertTrue(none.get(0).contains("missing"), none.get(0));
        assertTrue(DataCatalog.describe().get(0).contains("yes"), "the bundled subset is on the test classpath");
    }
}
