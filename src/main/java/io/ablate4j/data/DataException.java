package io.ablate4j.data;

/**
 * A problem with the user's data: a missing, corrupt or truncated file, a malformed CSV cell, more
 * examples requested than a file holds. The message is complete for the user (it names the file, the
 * position where known, and how to fix it); callers print it as is.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
