package io.ablate4j.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "old content that is longer than the new one");
        AtomicFiles.writeSynced(file, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(file));
        AtomicFiles.write(file, "newer".getBytes(StandardCharsets.UTF_8));
        assertEquals("newer", Files.readString(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void aBodyThatFailsLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, new byte[] {1, 2, 3});
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> AtomicFiles.write(file, AtomicFiles.Durability.FLUSHED, out -> {
                    out.write(new byte[100_000]);
                    throw new IllegalStateException("checksum mismatch");
                }));
        assertEquals("checksum mismatch", refused.getMessage());
        IOException failed = assertThrows(IOException.class,
                () -> AtomicFiles.write(file, AtomicFiles.Durability.SYNCED, out -> {
                    throw new IOException("No space left on device");
                }));
        assertTrue(failed instanceof FileSystemException f && file.toString().equals(f.getFile()), failed.toString());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of(file), list());
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingTheFile() {
        Path file = dir.resolve("absent").resolve("report.html");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, new byte[1]));
        assertTrue(e.getMessage().contains(file.toString()) || e instanceof FileSystemException, e.toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void temporaryFilesOfThisAndEarlierVersionsAreRecognized() {
        assertTrue(AtomicFiles.isTemporary(Path.of(".report.html.0b7c6e1e-5c1d-4d7e-8d5e-3c2b1a0f9e8d.tmp")));
        assertTrue(AtomicFiles.isTemporary(Path.of("run", "trials.csv.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of("trials.csv")));
        assertFalse(AtomicFiles.isTemporary(Path.of(".lock")));
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
