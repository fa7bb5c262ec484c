/**
 * Shared test fixtures (published in pipeline-core's test-jar for the jobs module): a real local Spark session, a
 * real in-process HDFS ({@link io.seqpipe.testing.MiniHdfs}), fixture paths, and what every task's resume test
 * shares ({@link io.seqpipe.testing.DriverLoss}).
 */
package io.seqpipe.testing;
