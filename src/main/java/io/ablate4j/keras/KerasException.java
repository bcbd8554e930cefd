package io.ablate4j.keras;

/** A Keras file cannot be mapped; the message starts with the file. The config binder puts the YAML location first. */
public final class KerasException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KerasException(String message) {
        super(message);
    }
}
