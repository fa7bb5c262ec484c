package io.seqpipe.config;

/**
 * A config file or {@code --set} value that is not valid HOCON. Its message is where and why, as
 * {@code <file>:<line>: <reason>} or {@code --set <key>=<value>: <reason>}.
 */
public final class ConfigSyntaxException extends InvalidConfigException {
    private static final long serialVersionUID = 1L;

    public ConfigSyntaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
