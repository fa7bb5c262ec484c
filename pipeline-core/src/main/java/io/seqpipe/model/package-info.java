/**
 * Network construction: a {@link io.seqpipe.model.ModelSpec} (cell, layers, hidden, bidirectional, embedding, dropout,
 * pooling) and {@link io.seqpipe.model.OptimizerSpec} become DL4J configurations through
 * {@link io.seqpipe.model.NetworkFactory}, the one builder every task head uses.
 */
package io.seqpipe.model;
