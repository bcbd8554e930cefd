package io.ablate4j.config;

/**
 * A configuration is invalid. The message is complete and meant for the user as it is:
 * {@code configs/x.yaml:12: model.dropout = 1.0: a drop probability must be in [0, 1)}.
 *
 * <p>A record that refuses its own values (built from Java, or by the binder) throws one that is not located yet:
 * {@code model.dropout = 1.5: a drop probability must be in [0, 1) (0 = no dropout)}, with the key path, value and
 * problem kept apart, so that the YAML binder can put the file and line (and the sweep entry a value came from) in
 * front of the same words.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final transient Object value;
    private final String problem;

    public ConfigException(String message) {
        super(message);
        this.path = null;
        this.value = null;
        this.problem = null;
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.path = null;
        this.value = null;
        this.problem = null;
    }

    /**
     * A problem with the value at a key path, not yet located in a file.
     *
     * @param path    the key path, e.g. {@code model.dropout} ({@code model.conv[].filters} for an element of a list
     *                section whose index the record does not know)
     * @param value   the offending value, or null when the problem is a missing value
     * @param problem what is wrong and what is allowed
     */
    public ConfigException(String path, Object value, String problem) {
        super(path + (value != null ? " = " + RawConfig.render(value) : "") + ": " + problem);
        this.path = path;
        this.value = value;
        this.problem = problem;
    }

    /** The key path of a problem not yet located in a file; null when the message is complete. */
    public String path() {
        return path;
    }

    /** The offending value of a problem not yet located; null when none. */
    public Object value() {
        return value;
    }

    /** What is wrong and what is allowed, for a problem not yet located; null when the message is complete. */
    public String problem() {
        return problem;
    }
}
