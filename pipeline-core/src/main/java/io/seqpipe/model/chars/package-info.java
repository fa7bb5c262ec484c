/**
 * A character-level word encoder for DL4J 1.0.0-M2.1: every word of a minibatch read from its characters (a character
 * embedding, then a bidirectional LSTM or a convolution with max-pooling over the word's real characters) into one
 * vector per word, beside the word's other inputs (the tagger's id channels, the classifier's word embedding). The
 * configuration {@link io.seqpipe.model.chars.CharacterEncoder}, the parameter layout
 * {@link io.seqpipe.model.chars.CharacterEncoderParams}, the computation
 * {@link io.seqpipe.model.chars.CharacterEncoderLayer} (hand-written backward pass; the LSTM is SeqPipe's own,
 * {@link io.seqpipe.model.lstm.LstmLayer}). No Spark.
 */
package io.seqpipe.model.chars;
