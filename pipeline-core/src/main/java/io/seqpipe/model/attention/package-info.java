/**
 * Attention for encoder-decoder graphs with a hand-written backward pass (DL4J 1.0.0-M2.1's SameDiff attention returns
 * 2× gradients): the masked dot-product computation {@link io.seqpipe.model.attention.MaskedAttention}, the graph vertex
 * {@link io.seqpipe.model.attention.LuongAttentionVertex} (decoder and encoder masks read from the graph inputs), and
 * {@link io.seqpipe.model.attention.LuongAttention}, which wires Luong's dot or general score and the attentional state
 * {@code tanh(W_c [c; h])}.
 */
package io.seqpipe.model.attention;
