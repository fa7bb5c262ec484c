package io.seqpipe.model.gru;

import io.seqpipe.model.rnn.GatedParamInitializer;

/**
 * Parameter layout of a {@link Gru} layer: {@link GatedParamInitializer} with three gate blocks, reset {@code r},
 * update {@code z}, candidate {@code n}; all biases start at the bias init (default 0).
 */
public final class GruParamInitializer extends GatedParamInitializer {
    private static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
        super(3);
    }

    /** The shared (stateless) instance. */
    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }
}
