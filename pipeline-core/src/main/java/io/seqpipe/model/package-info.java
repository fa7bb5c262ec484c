/**
 * Network construction: a {@link io.seqpipe.model.ModelSpec} (cell, layers, hidden, bidirectional, embedding, dropout,
 * pooling) and {@link io.seqpipe.model.OptimizerSpec} become DL4J configurations through
 * {@link io.seqpipe.model.NetworkFactory}, the one builder every task head uses. Custom DL4J pieces live here too,
 * among them {@link io.seqpipe.model.PinballLoss}, the quantile loss of a forecaster's per-level outputs.
 */
package io.seqpipe.model;
