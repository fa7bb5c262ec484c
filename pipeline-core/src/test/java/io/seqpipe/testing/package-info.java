/**
 * Shared test fixtures (published in pipeline-core's test-jar for the jobs module): a real local Spark session, a
 * real in-process HDFS ({@link io.seqpipe.testing.MiniHdfs}) and fixture paths.
 */
package io.seqpipe.testing;
