package io.ablate4j.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The per-row checksum of the result CSVs (schema version 2): the last cell of every row, computed from the row's
 * other cells alone, so that a row proves itself wherever it is read and a new column needs no change here.
 * It is the first 16 hex digits (64 bits) of SHA-256 over the UTF-8 bytes of the cells joined by U+001F (the ASCII
 * unit separator), in header order. It detects damage (a cut, an edited or a merged row), not tampering: anyone can
 * recompute it. In Python: {@code hashlib.sha256("\x1f".join(cells).encode()).hexdigest()[:16]}.
 */
public final class Checksum {
    /** The name of the checksum column, the last of each sealed file. */
    public static final String COLUMN = "checksum";
    private static final char SEPARATOR = '\u001f';
    private static final int HEX_DIGITS = 16;

    private Checksum() {
    }

    /** The checksum of a row's cells (without the checksum cell itself). */
    public static String of(List<String> cells) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                joined.append(SEPARATOR);
            }
            joined.append(cells.get(i));
        }
        byte[] digest = sha256().digest(joined.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
