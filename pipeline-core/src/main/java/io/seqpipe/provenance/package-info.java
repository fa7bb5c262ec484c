/**
 * Self-describing models: {@link io.seqpipe.provenance.ModelDirectory} (weights, vocabulary, labels, config,
 * provenance, written atomically), {@link io.seqpipe.provenance.Provenance} and {@link io.seqpipe.provenance.BuildInfo}.
 */
package io.seqpipe.provenance;
