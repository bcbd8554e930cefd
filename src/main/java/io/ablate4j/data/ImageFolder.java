package io.ablate4j.data;

import io.ablate4j.config.ImageConfig;
import io.ablate4j.config.ImageShape;
import io.ablate4j.config.Schema;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A folder of one's own images ({@code dataset: {name: images, path: DIR}}), the layout of DataVec's
 * {@code ParentPathLabelGenerator}, torchvision's {@code ImageFolder} and Keras' {@code image_dataset_from_directory}:
 * one subfolder per class, named after it. With subfolders {@code train/} and {@code test/}, each holding such class
 * folders, those are the split; otherwise the test split is drawn from the one folder.
 *
 * <ul>
 *   <li>Classes: the class folders' names, sorted (Java's {@code String} order, which is code-point order for the
 *       names one meets); class index = position. Names starting with '.' are skipped.</li>
 *   <li>Images: the files ending in .png, .jpg, .jpeg, .bmp or .gif (any case) anywhere below a class folder, symbolic
 *       links followed, in the order of their path; other files are skipped. Decoded with the JDK's ImageIO (see
 *       the README for why not OpenCV), on as many threads as there are cores.</li>
 *   <li>Channels: grey images have one, all others three (palette images are grey when every palette entry is);
 *       alpha is dropped. Without {@code channels} the examples have 3 when any image is in colour, else 1. Grey to
 *       RGB copies the grey value into each channel; RGB to grey is ITU-R 601 luma as PIL computes it:
 *       {@code (19595 R + 38470 G + 7471 B + 32768) >> 16}. Samples of more than 8 bits are rounded to 8.</li>
 *   <li>Size: without {@code imageSize} every image must have the size of the others; with it each image is resized
 *       to it (after the channel conversion) by bilinear interpolation with pixel centres at half-integers, the aspect
 *       ratio not kept, without antialiasing (downscaling by more than 2× skips pixels: shrink such images
 *       beforehand), each value rounded to the nearest byte.</li>
 * </ul>
 * Everything that is wrong with the folder is a {@link DataException} naming the folder or file (the loader locates
 * it at {@code dataset.path}; images of differing sizes at {@code dataset.imageSize}).
 */
final class ImageFolder {
    /** The file name endings read as images. */
    static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");
    private static final String KINDS = "PNG, JPEG, BMP or GIF (.png, .jpg, .jpeg, .bmp, .gif)";

    private ImageFolder() {
    }

    /** One part of the folder (the whole folder, or train/ or test/): its image files per class, in class order. */
    record Part(Path dir, List<List<Path>> files) {
        int count() {
            return files.stream().mapToInt(List::size).sum();
        }
    }

    /** What a scan of the folder found; {@code test} is null without a train/test split. */
    record Scanned(Path root, List<String> classes, Part train, Part test) {
    }

    /** The folder read: examples of each part, the class names and the examples' shape. */
    record Loaded(Examples train, Examples test, List<String> classes, ImageShape shape) {
    }

    /** Scans and decodes the folder. */
    static Loaded read(Path root, ImageConfig config) {
        Scanned scanned = scan(root);
        List<Path> all = new ArrayList<>();
        for (Part part : scanned.test() == null ? List.of(scanned.train()) : List.of(scanned.train(), scanned.test())) {
            part.files().forEach(all::addAll);
        }
        List<Decoded> decoded = decodeAll(all);
        ImageShape shape = shape(all, decoded, config);
        long bytes = (long) shape.features() * all.size();
        if (shape.features() > Integer.MAX_VALUE / Math.max(1, all.size()) || bytes > Integer.MAX_VALUE) {
            throw new DataException(root + ": " + all.size() + " images of " + shape + " are " + bytes + " bytes, more "
                    + "than one array holds (2^31); set dataset.imageSize to smaller images, or use fewer images");
        }
        int offset = 0;
        Examples train = examples(scanned.train(), decoded, offset, shape);
        offset += scanned.train().count();
        Examples test = scanned.test() == null ? null : examples(scanned.test(), decoded, offset, shape);
        return new Loaded(train, test, scanned.classes(), shape);
    }

    private static Examples examples(Part part, List<Decoded> decoded, int offset, ImageShape shape) {
        int n = part.count();
        byte[][] rows = new byte[n][];
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < part.files().size(); c++) {
            for (int k = 0; k < part.files().get(c).size(); k++) {
                rows[i] = convert(decoded.get(offset + i), shape);
                decoded.set(offset + i, null); // the decoded image is garbage once converted
                labels[i] = c;
                i++;
            }
        }
        return Examples.ofRows(rows, shape.features(), labels, part.files().size());
    }

    // ---------------------------------------------------------------------------------------------------- scanning

    /** Finds the classes and their image files; see the class comment for the layout. */
    static Scanned scan(Path root) {
        if (!Files.exists(root)) {
            throw new DataException(root + ": no such directory; name: images needs the folder of "
                    + "class folders (" + root.resolve("cat") + "/1.png, …)");
        }
        if (!Files.isDirectory(root)) {
            throw new DataException(root + ": not a directory; name: images needs the folder of "
                    + "class folders, not an image");
        }
        Path train = root.resolve("train");
        Path test = root.resolve("test");
        boolean hasTrain = Files.isDirectory(train);
        boolean hasTest = Files.isDirectory(test);
        if (hasTrain != hasTest) {
            throw new DataException(root + ": has " + (hasTrain ? "train/ but no test/" : "test/ but no train/")
                    + "; a given split needs both, each with the same class folders (or put the class folders "
                    + "directly into " + root + " and the test split is drawn from it)");
        }
        if (!hasTrain) {
            Part part = part(root);
            return new Scanned(root, classNames(root), part, null);
        }
        for (Path other : subfolders(root)) {
            String name = other.getFileName().toString();
            if (!name.equals("train") && !name.equals("test")) {
                throw new DataException(other + ": a folder beside train/ and test/; with a given split every class "
                        + "folder belongs inside both (the validation split is drawn from train/ by validationSize)");
            }
        }
        List<String> trainClasses = classNames(train);
        List<String> testClasses = classNames(test);
        if (!trainClasses.equals(testClasses)) {
            Set<String> onlyTrain = new TreeSet<>(trainClasses);
            onlyTrain.removeAll(testClasses);
            Set<String> onlyTest = new TreeSet<>(testClasses);
            onlyTest.removeAll(trainClasses);
            throw new DataException(root + ": train/ and test/ must hold the same class folders; "
                    + (onlyTrain.isEmpty() ? "" : "only in train/: " + String.join(", ", onlyTrain))
                    + (!onlyTrain.isEmpty() && !onlyTest.isEmpty() ? "; " : "")
                    + (onlyTest.isEmpty() ? "" : "only in test/: " + String.join(", ", onlyTest)));
        }
        return new Scanned(root, trainClasses, part(train), part(test));
    }

    private static List<String> classNames(Path dir) {
        return subfolders(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** The visible subfolders of a folder, sorted by name. */
    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !hidden(p) && Files.isDirectory(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (AccessDeniedException e) {
            throw new DataException(dir + ": cannot read the folder: permission denied", e);
        } catch (IOException e) {
            throw new DataException(dir + ": cannot read the folder: " + e, e);
        }
    }

    private static Part part(Path dir) {
        List<Path> classes = subfolders(dir);
        List<Path> loose = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> !hidden(p) && isImage(p) && Files.isRegularFile(p)).sorted().forEach(loose::add);
        } catch (IOException e) {
            throw new DataException(dir + ": cannot read the folder: " + e, e);
        }
        if (!loose.isEmpty()) {
            throw new DataException(loose.get(0) + ": an image outside a class folder; the class of an image is the "
                    + "name of the folder it is in: move it to " + dir.resolve("<class>")
                    + (loose.size() > 1 ? " (and " + (loose.size() - 1) + " more)" : ""));
        }
        if (classes.isEmpty()) {
            throw new DataException(dir + ": no class folders; put each class's images into a subfolder named after "
                    + "the class (" + dir.resolve("cat") + "/1.png, " + dir.resolve("dog") + "/1.png, …)");
        }
        List<List<Path>> files = new ArrayList<>();
        int total = 0;
        Set<String> skipped = new TreeSet<>();
        for (Path c : classes) {
            List<Path> images = images(c, skipped);
            files.add(images);
            total += images.size();
        }
        if (total == 0) {
            throw new DataException(dir + ": no images in its " + classes.size() + " class folder"
                    + (classes.size() == 1 ? "" : "s") + "; images are " + KINDS
                    + (skipped.isEmpty() ? "" : " (found only: " + String.join(", ", skipped) + ")"));
        }
        for (int i = 0; i < classes.size(); i++) {
            if (files.get(i).isEmpty()) {
                throw new DataException(classes.get(i) + ": an empty class folder (no " + KINDS + "); add images or "
                        + "remove the folder");
            }
        }
        if (classes.size() < 2) {
            throw new DataException(dir + ": only one class folder (" + classes.get(0).getFileName() + "); a "
                    + "classifier needs at least two classes, each in a folder of its own");
        }
        return new Part(dir, files);
    }

    /** The image files anywhere below a class folder, links followed, sorted by path; other endings into skipped. */
    private static List<Path> images(Path classDir, Set<String> skipped) {
        List<Path> images = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classDir, FileVisitOption.FOLLOW_LINKS)) {
            Iterator<Path> it = walk.iterator();
            while (it.hasNext()) {
                Path p = it.next();
                if (p.equals(classDir) || hidden(p) || Files.isDirectory(p)) {
                    continue;
                }
                if (isImage(p)) {
                    images.add(p);
                } else {
                    String name = p.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    skipped.add(dot > 0 ? name.substring(dot) : name);
                }
            }
        } catch (UncheckedIOException e) {
            throw walkError(classDir, e.getCause());
        } catch (IOException e) {
            throw walkError(classDir, e);
        }
        images.sort((a, b) -> classDir.relativize(a).toString().compareTo(classDir.relativize(b).toString()));
        return images;
    }

    private static DataException walkError(Path classDir, IOException e) {
        if (e instanceof FileSystemLoopException loop) {
            return new DataException(loop.getFile() + ": a symbolic link loop (the link leads back to a folder above "
                    + "it, below " + classDir + "); remove the link", e);
        }
        if (e instanceof AccessDeniedException denied) {
            return new DataException(denied.getFile() + ": cannot read: permission denied", e);
        }
        if (e instanceof NoSuchFileException missing) {
            return new DataException(missing.getFile() + ": a broken symbolic link or a file removed while reading; "
                    + "remove it", e);
        }
        return new DataException(classDir + ": cannot read the folder: " + e, e);
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (name.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------- decoding

    /** One decoded image: {@code channels} (1 grey, 3 colour) planes of {@code height × width} bytes. */
    record Decoded(byte[] pixels, int height, int width, int channels) {
    }

    /** Decodes the files on one thread per core; the first failing file (in the given order) is the error. */
    static List<Decoded> decodeAll(List<Path> files) {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 16));
        List<Decoded> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            out.add(null);
        }
        if (threads == 1 || files.size() < 64) {
            for (int i = 0; i < files.size(); i++) {
                out.set(i, decode(files.get(i)));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ablate4j-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RuntimeException>> parts = new ArrayList<>();
            int chunk = (files.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                int from = t * chunk;
                int to = Math.min(files.size(), from + chunk);
                parts.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        try {
                            out.set(i, decode(files.get(i)));
                        } catch (RuntimeException e) {
                            return e; // the first failure of this chunk, which is in file order
                        }
                    }
                    return null;
                }));
            }
            for (Future<RuntimeException> part : parts) {
                RuntimeException failure = part.get();
                if (failure != null) {
                    throw failure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while decoding the images", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new DataException(e.getCause().toString(), e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** Reads and decodes one image file; a problem is a DataException naming the file. */
    static Decoded decode(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": cannot read: permission denied", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        }
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataException(file + ": not an image that can be read (" + data.length + " bytes): corrupt, "
                        + "or not a " + KINDS + " file");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new DataException(file + ": a corrupt or truncated " + reader.getFormatName() + " image ("
                        + String.join("; ", warnings) + "); replace or remove the file");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            throw new DataException(file + ": a corrupt or truncated image (" + describe(e) + "); replace or remove "
                    + "the file", e);
        }
        return pixels(image);
    }

    private static String describe(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += ": " + cause.getMessage();
        }
        return text;
    }

    /** The image's samples as 8-bit planes: grey as one plane, everything else as R, G, B. */
    static Decoded pixels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel palette) {
            boolean grey = true;
            for (int i = 0; i < palette.getMapSize() && grey; i++) {
                grey = palette.getRed(i) == palette.getGreen(i) && palette.getGreen(i) == palette.getBlue(i);
            }
            int[] index = raster.getSamples(0, 0, w, h, 0, (int[]) null);
            byte[] out = new byte[(grey ? 1 : 3) * plane];
            for (int i = 0; i < plane; i++) {
                int k = index[i];
                out[i] = (byte) palette.getRed(k);
                if (!grey) {
                    out[plane + i] = (byte) palette.getGreen(k);
                    out[2 * plane + i] = (byte) palette.getBlue(k);
                }
            }
            return new Decoded(out, h, w, grey ? 1 : 3);
        }
        int type = cm.getColorSpace().getType();
        if (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB) {
            // the samples as stored, as PIL reads them (an embedded colour profile is not applied)
            int channels = type == ColorSpace.TYPE_GRAY ? 1 : 3;
            byte[] out = new byte[channels * plane];
            int[] samples = new int[plane];
            for (int c = 0; c < channels; c++) {
                raster.getSamples(0, 0, w, h, c, samples);
                int bits = cm.getComponentSize(c);
                int max = (1 << bits) - 1;
                for (int i = 0; i < plane; i++) {
                    int v = samples[i];
                    out[c * plane + i] = (byte) (bits == 8 ? v : (v * 255 + max / 2) / max);
                }
            }
            return new Decoded(out, h, w, channels);
        }
        // another colour space: converted to sRGB by Java
        byte[] out = new byte[3 * plane];
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            out[i] = (byte) (argb[i] >> 16);
            out[plane + i] = (byte) (argb[i] >> 8);
            out[2 * plane + i] = (byte) argb[i];
        }
        return new Decoded(out, h, w, 3);
    }

    // --------------------------------------------------------------------------------------------- shape and size

    /** The examples' shape: imageSize or the images' common size, channels or the files'. */
    static ImageShape shape(List<Path> files, List<Decoded> decoded, ImageConfig config) {
        int channels = config.channels();
        if (channels == 0) {
            channels = decoded.stream().anyMatch(d -> d.channels() == 3) ? 3 : 1;
        }
        if (config.size() != null) {
            return new ImageShape(config.size().get(0), config.size().get(1), channels);
        }
        Decoded first = decoded.get(0);
        for (int i = 1; i < decoded.size(); i++) {
            Decoded d = decoded.get(i);
            if (d.height() != first.height() || d.width() != first.width()) {
                throw new DataException(Schema.Dataset.IMAGE_SIZE.path(), "the images differ in size: " + files.get(0) + " is " + first.height() + "×"
                        + first.width() + " (height × width), " + files.get(i) + " is " + d.height() + "×" + d.width()
                        + "; set dataset.imageSize: [height, width] to resize every image to one size");
            }
        }
        return new ImageShape(first.height(), first.width(), channels);
    }

    /** One example's bytes: the decoded image with the shape's channels, resized to its size. */
    static byte[] convert(Decoded d, ImageShape shape) {
        byte[] pixels = channels(d.pixels(), d.height() * d.width(), d.channels(), shape.channels());
        if (d.height() == shape.height() && d.width() == shape.width()) {
            return pixels;
        }
        return resize(pixels, shape.channels(), d.height(), d.width(), shape.height(), shape.width());
    }

    /** Grey to RGB by copying, RGB to grey by PIL's luma. */
    static byte[] channels(byte[] pixels, int plane, int from, int to) {
        if (from == to) {
            return pixels;
        }
        byte[] out = new byte[to * plane];
        if (from == 1) {
            for (int c = 0; c < to; c++) {
                System.arraycopy(pixels, 0, out, c * plane, plane);
            }
        } else {
            for (int i = 0; i < plane; i++) {
                int r = pixels[i] & 0xff;
                int g = pixels[plane + i] & 0xff;
                int b = pixels[2 * plane + i] & 0xff;
                out[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            }
        }
        return out;
    }

    /**
     * Bilinear resize of each plane, pixel centres at half-integers: output pixel (y, x) samples the input at
     * ((y + ½) · h / H − ½, (x + ½) · w / W − ½), clamped to the image, and rounds to the nearest byte.
     */
    static byte[] resize(byte[] pixels, int channels, int h, int w, int outH, int outW) {
        byte[] out = new byte[channels * outH * outW];
        double sy = (double) h / outH;
        double sx = (double) w / outW;
        for (int c = 0; c < channels; c++) {
            int in = c * h * w;
            int o = c * outH * outW;
            for (int y = 0; y < outH; y++) {
                double fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
                int y0 = (int) fy;
                int y1 = Math.min(y0 + 1, h - 1);
                double dy = fy - y0;
                for (int x = 0; x < outW; x++) {
                    double fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
                    int x0 = (int) fx;
                    int x1 = Math.min(x0 + 1, w - 1);
                    double dx = fx - x0;
                    double top = (1 - dx) * (pixels[in + y0 * w + x0] & 0xff) + dx * (pixels[in + y0 * w + x1] & 0xff);
                    double bottom = (1 - dx) * (pixels[in + y1 * w + x0] & 0xff)
                            + dx * (pixels[in + y1 * w + x1] & 0xff);
                    out[o + y * outW + x] = (byte) Math.min(255, Math.round((1 - dy) * top + dy * bottom));
                }
            }
        }
        return out;
    }
}
