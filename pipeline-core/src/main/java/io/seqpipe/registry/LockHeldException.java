package io.seqpipe.registry;

import io.seqpipe.SeqPipeException;

/** Another live run holds a model name's {@link RegistryLock}; the CLI exits with its own code (3) for it. */
public final class LockHeldException extends SeqPipeException {
    private static final long serialVersionUID = 1L;

    public LockHeldException(String message) {
        super(message);
    }
}
