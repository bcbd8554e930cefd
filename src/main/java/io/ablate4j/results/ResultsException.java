package io.ablate4j.results;

/**
 * A result file cannot be used as it is (its header is not one this run writes, or is unreadable). The message
 * names the file and says what to do; nothing was changed.
 */
public final class ResultsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResultsException(String message) {
        super(message);
    }
}
