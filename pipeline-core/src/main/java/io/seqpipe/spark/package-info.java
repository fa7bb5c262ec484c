/**
 * Thin Spark adapters that every task shares: session setup ({@link io.seqpipe.spark.SparkSessions}), reading
 * delimited text as raw bytes with rejects and line numbers, each file mapped by its own header
 * ({@link io.seqpipe.spark.DelimitedTextSource}), raw lines numbered across input splits
 * ({@link io.seqpipe.spark.RawLineSource}), seeded splits of an RDD ({@link io.seqpipe.spark.SeededSplitter}),
 * distributed token counting ({@link io.seqpipe.spark.TokenCounts}), rejects and the metrics history as DataFrames,
 * DataFrames written as one plain CSV, JSON-lines or text file ({@link io.seqpipe.spark.SingleFileExport}), a network
 * broadcast for inference on the executors ({@link io.seqpipe.spark.BroadcastModel}: any task's
 * {@link io.seqpipe.inference.InferenceAdapter} over an RDD), each task's binding to the GPU Spark assigned it
 * ({@link io.seqpipe.spark.GpuBinding}), and Kryo registration
 * ({@link io.seqpipe.spark.SeqPipeKryoRegistrator}, with {@link io.seqpipe.spark.BulkNdArraySerializer} for ND4J arrays;
 * each task adds its own classes through {@link io.seqpipe.spark.KryoRegistrations}, and its hand-written
 * serializers write int arrays with {@link io.seqpipe.spark.VarintArrays}). Every DataFrame schema is declared in
 * {@link io.seqpipe.spark.SchemaNotation} (Spark's DDL, plus the nullability of array elements and map values).
 * This package names no task and no task's domain types: a task's own readers (column files, parallel corpora,
 * series, corpora labelled by path) live beside the task. The logic they run lives in the pure packages.
 */
package io.seqpipe.spark;
