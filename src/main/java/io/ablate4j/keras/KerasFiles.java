package io.ablate4j.keras;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Keras files of one config load, each read and mapped once however often the binder asks (the base config, each
 * sweep value, each variant). A load on a Spark executor starts from the texts the driver read ({@link #shipped}),
 * so that it needs no copy of the files; a file it was not sent is read from its path.
 */
public final class KerasFiles {
    private final Map<String, String> shipped;
    private final Map<String, String> texts = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Object> mapped = new ConcurrentHashMap<>();

    private KerasFiles(Map<String, String> shipped) {
        this.shipped = Map.copyOf(shipped);
    }

    /** Files read from their paths. */
    public static KerasFiles fromDisk() {
        return new KerasFiles(Map.of());
    }

    /** Files whose texts were read elsewhere, by path as {@link #texts} gives them; others are read from disk. */
    public static KerasFiles shipped(Map<String, String> textsByPath) {
        return new KerasFiles(textsByPath);
    }

    /**
     * The mapped model of a file, read (or taken from the shipped texts) and mapped the first time it is asked for; a
     * file that cannot be mapped fails the same way every time.
     *
     * @throws KerasException naming the file and the problem
     */
    public KerasNetwork get(Path file) {
        Object result = mapped.computeIfAbsent(file.toString(), path -> {
            try {
                String text = shipped.containsKey(path) ? shipped.get(path) : KerasModel.text(file);
                texts.put(path, text);
                return KerasModel.map(file, text);
            } catch (KerasException e) {
                return e;
            }
        });
        if (result instanceof KerasException e) {
            throw new KerasException(e.getMessage());
        }
        return (KerasNetwork) result;
    }

    /** The text of every file read so far, by path, in the order first read: what a Spark driver ships. */
    public Map<String, String> texts() {
        synchronized (texts) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        }
    }
}
