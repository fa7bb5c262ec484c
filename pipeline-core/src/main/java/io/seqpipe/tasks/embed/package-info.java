/**
 * {@code seqpipe embed}: word2vec vectors trained with Spark MLlib's distributed
 * {@link org.apache.spark.ml.feature.Word2Vec} on an unlabeled corpus ({@link io.seqpipe.tasks.embed.TrainEmbeddings}),
 * written in word2vec text format for {@code model.embeddings.path} (ner, pos, sentiment). Its config
 * ({@link io.seqpipe.tasks.embed.EmbedConfig}) has its own defaults file, {@code io/seqpipe/embed/embed.defaults.conf}:
 * embed is a command, not a task. Uses Spark.
 */
package io.seqpipe.tasks.embed;
