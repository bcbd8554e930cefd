package io.ablate4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSubsetTest {
    @TempDir
    Path dir;

    @Test
    void subsetGeneratorIsStratifiedDeterministicAndByteStable() throws IOException {
        Path full = dir.resolve("full");
        Fixtures.writeIdxSet(full, 400, 200, true);
        Path out1 = dir.resolve("out1");
        Path out2 = dir.resolve("out2");
        BundledSubset.write(full, out1, 12, 5, 77);
        BundledSubset.write(full, out2, 12, 5, 77);
        for (IdxFiles.Part part : IdxFiles.Part.values()) {
            String name = part.officialName();
            assertArrayEquals(Files.readAllBytes(out1.resolve(name)), Files.readAllBytes(out2.resolve(name)), name);
        }
        byte[] header = Files.readAllBytes(out1.resolve("train-labels-idx1-ubyte.gz"));
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}, java.util.Arrays.copyOf(header, 8),
                "gzip header without name or timestamp");

        IdxFiles.Loaded subset = IdxFiles.read(IdxFiles.inDirectory(out1).orElseThrow());
        assertEquals(120, subset.train().count);
        assertEquals(50, subset.test().count);
        assertArrayEquals(new int[] {12, 12, 12, 12, 12, 12, 12, 12, 12, 12}, subset.train().classCounts());
        assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, subset.test().classCounts());

        Path out3 = dir.resolve("out3");
        BundledSubset.write(full, out3, 12, 5, 78);
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(out1.resolve("train-images-idx3-ubyte.gz")),
                Files.readAllBytes(out3.resolve("train-images-idx3-ubyte.gz"))), "another seed, another subset");

        DataException e = assertThrows(DataException.class, () -> BundledSubset.write(full, dir.resolve("x"), 50, 5, 1));
        assertTrue(e.getMessage().contains("fewer than the 50 per class"), e.getMessage());
    }
}
