package io.ablate4j.config;

/**
 * A configuration is invalid. The message is complete and meant for the user as it is:
 * {@code configs/x.yaml:12: model.dropout = 1.0: a drop probability must be in [0, 1)}.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
