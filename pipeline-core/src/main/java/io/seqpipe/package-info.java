/**
 * SeqPipe: a distributed training pipeline for sequence models on Apache Spark and Deeplearning4j.
 *
 * <p>Sub-packages hold pure logic ({@code text}, {@code eval}, {@code model}, {@code config}) apart from the Spark
 * adapters ({@code spark}, {@code data}, {@code train}, {@code inference}) and filesystem IO ({@code io},
 * {@code provenance}). Task pipelines ({@code tasks.*}) wire them together for one task each.
 */
package io.seqpipe;
