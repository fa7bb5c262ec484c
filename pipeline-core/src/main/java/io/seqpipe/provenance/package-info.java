/**
 * Self-describing models: {@link io.seqpipe.provenance.ModelDirectory} (weights, vocabulary, labels, config,
 * provenance and the checksums of them all, written atomically; read back only when intact and of the caller's task),
 * {@link io.seqpipe.provenance.Provenance} and {@link io.seqpipe.provenance.BuildInfo}.
 */
package io.seqpipe.provenance;
