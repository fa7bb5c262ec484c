/**
 * spark-submit entry points: {@link io.seqpipe.jobs.SeqPipe} (main) and {@link io.seqpipe.jobs.SeqPipeCli}, the
 * {@code prepare | train | evaluate | score} command line that resolves config before starting Spark.
 */
package io.seqpipe.jobs;
