/**
 * spark-submit entry points: {@link io.seqpipe.jobs.SeqPipe} (main) and {@link io.seqpipe.jobs.SeqPipeCli}, the
 * {@code prepare | train | evaluate | score} command line that resolves config and takes the lock of each output
 * ({@link io.seqpipe.jobs.OutputLocks}) before starting Spark; {@link io.seqpipe.jobs.RegistryCommand} and
 * {@link io.seqpipe.jobs.ReportCommand} (the comparison of runs) run without Spark.
 */
package io.seqpipe.jobs;
