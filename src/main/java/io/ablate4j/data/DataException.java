package io.ablate4j.data;

/**
 * A problem with the user's data: a missing, corrupt or truncated file, a malformed CSV cell, more
 * examples requested than a file holds. The message is complete for the user (it names the file, the
 * position where known, and how to fix it); callers print it as is, located at {@link #key()} in the config when
 * there is one.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The config key whose value leads to the problem or fixes it (e.g. {@code dataset.csv.trainFile}), or null. */
    private final String key;

    public DataException(String message) {
        this(null, message);
    }

    public DataException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** A problem the config key {@code key} (a dotted path such as {@code dataset.trainSize}) leads to or fixes. */
    public DataException(String key, String message) {
        super(message);
        this.key = key;
    }

    public DataException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The config key the problem is located at, or null. */
    public String key() {
        return key;
    }
}
