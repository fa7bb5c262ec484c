package io.seqpipe;

/**
 * An error the user can act on: bad input, a missing path, an output that already exists.
 * Its message is one line that says what is wrong and what to do; the CLI prints it to stderr
 * without a stack trace and exits non-zero.
 */
public class SeqPipeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SeqPipeException(String message) {
        super(message);
    }

    public SeqPipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
