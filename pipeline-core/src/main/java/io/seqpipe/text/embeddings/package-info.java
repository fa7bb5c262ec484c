/**
 * Pretrained word vectors, Spark-free: {@link io.seqpipe.text.embeddings.EmbeddingsReader} parses word2vec text,
 * word2vec binary and GloVe text from a stream (the caller opens the file, e.g. from a Hadoop path),
 * {@link io.seqpipe.text.embeddings.WordMatcher} decides which file word a vocabulary entry takes its vector from,
 * {@link io.seqpipe.text.embeddings.VocabularyPolicy} builds the vocabulary from the training words and the file's
 * words ({@code model.embeddings.vocabulary}), and {@link io.seqpipe.text.embeddings.EmbeddingTable} assembles the
 * initial weights of a word embedding layer ({@code model.embeddings.*}: {@link
 * io.seqpipe.text.embeddings.EmbeddingsSettings}). No Spark or Hadoop here.
 */
package io.seqpipe.text.embeddings;
