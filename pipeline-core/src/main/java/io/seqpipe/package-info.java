/**
 * SeqPipe: a distributed training pipeline for sequence models on Apache Spark and Deeplearning4j.
 *
 * <p>Sub-packages hold pure logic ({@code text}, {@code eval}, {@code model}, {@code config}) apart from the Spark
 * adapters ({@code spark}, {@code data}, {@code train}, {@code inference}) and filesystem IO ({@code io},
 * {@code provenance}). Task pipelines ({@code tasks.*}) wire them together for one task each. This package holds what
 * all of them share: {@link io.seqpipe.SeqPipeException} (an error the user can act on) and
 * {@link io.seqpipe.DecimalNumber} (the one grammar for numbers a user writes, in data and config).
 */
package io.seqpipe;
