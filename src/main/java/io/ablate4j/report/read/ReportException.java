package io.ablate4j.report.read;

/**
 * A run directory cannot be reported on: a required file is missing or malformed. The message names the file
 * (and line, where there is one), says what is wrong and, where it can, how to fix it. It is an
 * {@link IllegalArgumentException} because the cause is the directory the caller passed in.
 */
public final class ReportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
