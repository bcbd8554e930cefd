package io.ablate4j.network;

/**
 * A java template cannot be used: its class is missing or is no {@link NetworkTemplate}, it threw, or the network
 * it returned contradicts the trial's factors. The message is complete for the user.
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
