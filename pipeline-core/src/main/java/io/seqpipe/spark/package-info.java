/**
 * Thin Spark adapters: session setup ({@link io.seqpipe.spark.SparkSessions}), reading delimited text as raw bytes
 * with rejects and line numbers, each file mapped by its own header ({@link io.seqpipe.spark.DelimitedTextSource}),
 * reading tagged column files (CoNLL-2003, CoNLL-U) into
 * sentences across input splits ({@link io.seqpipe.spark.ColumnSentenceSource}), reading parallel corpora (aligned
 * file pairs or tab-separated pairs, {@link io.seqpipe.spark.ParallelCorpusSource}), reading corpora labelled by
 * their paths ({@link io.seqpipe.spark.ClassCorpusSource}), seeded splits of an RDD
 * ({@link io.seqpipe.spark.SeededSplitter}) and distributed token counting
 * ({@link io.seqpipe.spark.TokenCounts}), DataFrames written as one plain CSV, JSON-lines or text file
 * ({@link io.seqpipe.spark.SingleFileExport}), a network broadcast for inference on the executors
 * ({@link io.seqpipe.spark.BroadcastModel}: any task's {@link io.seqpipe.inference.InferenceAdapter} over an RDD),
 * and Kryo registration ({@link io.seqpipe.spark.SeqPipeKryoRegistrator},
 * with {@link io.seqpipe.spark.BulkNdArraySerializer} for ND4J arrays). The logic they run lives in the pure packages.
 */
package io.seqpipe.spark;
