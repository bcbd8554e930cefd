package io.ablate4j.run;

/** A run cannot start as asked (directory locked, holds another config, ...): a usage error, exit 2, nothing written. */
public final class RunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunException(String message) {
        super(message);
    }
}
