/**
 * A gated recurrent unit (GRU) layer for DL4J 1.0.0-M2.1, which has none (its SameDiff GRU backward pass is wrong):
 * the configuration {@link io.seqpipe.model.gru.Gru}, the parameter layout
 * {@link io.seqpipe.model.gru.GruParamInitializer} and the computation {@link io.seqpipe.model.gru.GruLayer}, with a
 * hand-written backward pass. It works in {@code MultiLayerNetwork} and {@code ComputationGraph}, with features masks
 * and any sequence length, and serializes like DL4J's own layers.
 */
package io.seqpipe.model.gru;
