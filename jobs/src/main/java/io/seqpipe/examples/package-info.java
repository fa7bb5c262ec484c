/**
 * Examples a Spark user copies: SeqPipe's stages inside the user's own Spark ML Pipeline
 * ({@link io.seqpipe.examples.SentimentPipelineExample}). Each has a one-line {@code main} and a
 * {@code runExample} that returns a result a test checks.
 */
package io.seqpipe.examples;
