package io.seqpipe.model;

import io.seqpipe.config.ConfigReader;

import java.io.Serializable;

/**
 * The recurrent body every task head plugs into: an embedding, then {@code layers} recurrent layers of one cell type,
 * optionally bidirectional (forward and backward outputs concatenated, so each layer outputs {@code 2 × hidden}).
 *
 * @param cell          the recurrent cell
 * @param layers        stacked recurrent layers, 1..8
 * @param hidden        units per direction
 * @param bidirectional run each layer in both directions and concatenate
 * @param embedding     embedding size
 * @param dropout       drop probability on the inputs of each recurrent layer and of the head (0 = off)
 * @param pooling       how a many-to-one head reduces the sequence to one vector
 */
public record ModelSpec(Cell cell, int layers, int hidden, boolean bidirectional, int embedding, double dropout,
                        Pooling pooling) implements Serializable {

    /**
     * Recurrent cells: simple RNN (DL4J's {@code SimpleRnn}), LSTM ({@link io.seqpipe.model.lstm.Lstm}, SeqPipe's; the
     * same equations as DL4J's {@code LSTM}, about twice as fast) and GRU ({@link io.seqpipe.model.gru.Gru}).
     */
    public enum Cell { RNN, LSTM, GRU }

    /**
     * Sequence → vector reduction for many-to-one heads: {@code max}/{@code mean} over the real (unmasked) steps, or
     * {@code last}, the output at the last real step (for a bidirectional layer the backward half has then seen only
     * that step, so prefer max or mean there).
     */
    public enum Pooling { MAX, MEAN, LAST }

    public ModelSpec {
        ConfigReader.check(layers >= 1 && layers <= 8, "model.layers", layers, "in [1, 8]");
        ConfigReader.check(hidden >= 1, "model.hidden", hidden, ">= 1");
        ConfigReader.check(embedding >= 1, "model.embedding", embedding, ">= 1");
        ConfigReader.check(dropout >= 0 && dropout < 1, "model.dropout", dropout, "in [0, 1)");
    }

    public static ModelSpec from(ConfigReader r) {
        return new ModelSpec(r.enumValue("model.cell", Cell.class), r.integer("model.layers"),
                r.integer("model.hidden"), r.bool("model.bidirectional"), r.integer("model.embedding"),
                r.number("model.dropout"),
                // only many-to-one heads pool; tasks without one have no model.pooling key
                r.isSet("model.pooling") ? r.enumValue("model.pooling", Pooling.class) : Pooling.MAX);
    }

    /** Width of the recurrent stack's output at each step. */
    public int outputWidth() {
        return bidirectional ? 2 * hidden : hidden;
    }
}
