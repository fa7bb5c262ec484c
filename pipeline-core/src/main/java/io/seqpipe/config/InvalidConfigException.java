package io.seqpipe.config;

import io.seqpipe.SeqPipeException;

/** A configuration that cannot be used: unknown key, wrong type, value out of range. Raised before Spark starts. */
public class InvalidConfigException extends SeqPipeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
