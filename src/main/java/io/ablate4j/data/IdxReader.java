package io.ablate4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a big-endian
 * magic number (2051 for unsigned-byte images of 3 dimensions, 2049 for unsigned-byte labels of 1), the
 * dimensions as big-endian int32, then the bytes. Gzip is recognized by its magic bytes 1f 8b, so a
 * file's name does not matter. Every problem becomes a {@link DataException} naming the file.
 */
final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int CHUNK = 1 << 16;

    private IdxReader() {
    }

    /** Images as unsigned bytes, row-major, {@code count × rows × cols}. */
    record Images(int count, int rows, int cols, byte[] pixels) {
    }

    static Images readImages(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, file.toString());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static byte[] readLabels(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads an image file from a stream; {@code name} is what error messages call it. Does not close. */
    static Images readImages(InputStream raw, String name) {
        InputStream in = open(raw, name);
        int magic = readInt(in, name, "the magic number");
        if (magic != IMAGES_MAGIC) {
            throw new DataException(name + ": not an IDX image file: magic number " + magic
                    + " (expected " + IMAGES_MAGIC + ")" + (magic == LABELS_MAGIC ? "; this is a label file" : ""));
        }
        int count = readInt(in, name, "the image count");
        int rows = readInt(in, name, "the row count");
        int cols = readInt(in, name, "the column count");
        long size = (long) count * rows * cols;
        if (count < 0 || rows <= 0 || cols <= 0 || size > Integer.MAX_VALUE - 8) {
            throw new DataException(name + ": implausible IDX header: " + count + " images of " + rows + "×" + cols);
        }
        byte[] pixels = new byte[(int) size];
        int read = readFully(in, pixels, name);
        if (read < pixels.length) {
            throw new DataException(name + ": truncated: header says " + count + " images of " + rows + "×" + cols
                    + ", file holds " + read / (rows * cols) + truncationDetail(read, rows * cols));
        }
        requireEnd(in, name, count + " images");
        return new Images(count, rows, cols, pixels);
    }

    /** Reads a label file from a stream; {@code name} is what error messages call it. Does not close. */
    static byte[] readLabels(InputStream raw, String name) {
        InputStream in = open(raw, name);
        int magic = readInt(in, name, "the magic number");
        if (magic != LABELS_MAGIC) {
            throw new DataException(name + ": not an IDX label file: magic number " + magic
                    + " (expected " + LABELS_MAGIC + ")" + (magic == IMAGES_MAGIC ? "; this is an image file" : ""));
        }
        int count = readInt(in, name, "the label count");
        if (count < 0) {
            throw new DataException(name + ": implausible IDX header: " + count + " labels");
        }
        byte[] labels = new byte[count];
        int read = readFully(in, labels, name);
        if (read < count) {
            throw new DataException(name + ": truncated: header says " + count + " labels, file holds " + read);
        }
        requireEnd(in, name, count + " labels");
        return labels;
    }

    private static String truncationDetail(int read, int perImage) {
        int partial = read % perImage;
        return partial == 0 ? "" : " and " + partial + " bytes of the next";
    }

    private static InputStream open(InputStream raw, String name) {
        BufferedInputStream in = new BufferedInputStream(raw, CHUNK);
        try {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, CHUNK), CHUNK);
            }
            return in;
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int readInt(InputStream in, String name, String what) {
        byte[] b = new byte[4];
        if (readFully(in, b, name) < 4) {
            throw new DataException(name + ": truncated: the file ends before " + what + " of its IDX header");
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** Reads until {@code dst} is full or the data ends (a gzip stream cut short counts as the end). */
    private static int readFully(InputStream in, byte[] dst, String name) {
        int n = 0;
        try {
            while (n < dst.length) {
                int r = in.read(dst, n, Math.min(CHUNK, dst.length - n));
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            return n; // GZIPInputStream: "Unexpected end of ZLIB input stream"
        } catch (ZipException e) {
            throw new DataException(name + ": corrupt gzip data after " + n + " bytes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
        return n;
    }

    /** Trailing data means the header lies about the size (or the file is not what its name says). */
    private static void requireEnd(InputStream in, String name, String declared) {
        try {
            if (in.read() >= 0) {
                throw new DataException(name + ": holds more data than its header declares (" + declared
                        + "); the file is corrupt or not an IDX file");
            }
        } catch (EOFException e) {
            throw new DataException(name + ": truncated gzip stream (the data is complete, the gzip trailer "
                    + "is not): the download was probably cut short", e);
        } catch (ZipException e) {
            throw new DataException(name + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }
}
