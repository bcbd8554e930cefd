package io.ablate4j.run;

import io.ablate4j.files.AtomicFiles;
import io.ablate4j.training.Checkpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The checkpoints of a race's paused trials, in the run directory under {@code checkpoints/<trial id>.ckpt}: one
 * header line {@code ablate4j-checkpoint 1 <length> <sha256>} and the {@link Checkpoint}'s bytes, written whole and
 * fsynced ({@link AtomicFiles}). A checkpoint is verified (length and SHA-256) before use: a damaged one is deleted
 * and its trial trained again from scratch, which gives the same result. Removed when the trial finishes or leaves
 * the race, and the directory with the last of them.
 */
final class Checkpoints {
    static final String DIR = "checkpoints";
    private static final String MAGIC = "ablate4j-checkpoint 1";

    private Checkpoints() {
    }

    static Path file(Path runDir, String trialId) {
        return runDir.resolve(DIR).resolve(trialId + ".ckpt");
    }

    static void write(Path runDir, String trialId, Checkpoint checkpoint) throws IOException {
        byte[] body = checkpoint.toBytes();
        byte[] head = (MAGIC + " " + body.length + " " + sha256(body) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        Files.createDirectories(runDir.resolve(DIR));
        AtomicFiles.writeSynced(file(runDir, trialId), all);
    }

    /**
     * The trial's checkpoint, verified; null when there is none.
     *
     * @throws Damaged when there is one but it is not intact (the caller deletes it and says so)
     */
    static Checkpoint read(Path runDir, String trialId) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file(runDir, trialId));
        } catch (NoSuchFileException e) {
            return null;
        }
        int nl = 0;
        while (nl < all.length && nl < 200 && all[nl] != '\n') {
            nl++;
        }
        String[] head = new String(all, 0, Math.min(nl, all.length), StandardCharsets.US_ASCII).split(" ");
        if (nl >= all.length || head.length != 4 || !(head[0] + " " + head[1]).equals(MAGIC)) {
            throw new Damaged("no checkpoint header");
        }
        byte[] body = Arrays.copyOfRange(all, nl + 1, all.length);
        if (!head[2].equals(Integer.toString(body.length))) {
            throw new Damaged(body.length + " bytes where the header says " + head[2]);
        }
        if (!head[3].equals(sha256(body))) {
            throw new Damaged("its SHA-256 does not match the header");
        }
        try {
            return Checkpoint.fromBytes(body);
        } catch (IOException e) {
            throw new Damaged(e.getMessage());
        }
    }

    /** Removes the trial's checkpoint, and the directory when it was the last. */
    static void delete(Path runDir, String trialId) throws IOException {
        Files.deleteIfExists(file(runDir, trialId));
        Path dir = runDir.resolve(DIR);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
                if (!left.iterator().hasNext()) {
                    Files.deleteIfExists(dir);
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpoint that is there but not intact. */
    static final class Damaged extends IOException {
        private static final long serialVersionUID = 1L;

        Damaged(String why) {
            super(why);
        }
    }
}
