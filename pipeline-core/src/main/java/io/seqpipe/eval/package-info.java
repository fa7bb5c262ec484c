/**
 * Pure, mergeable evaluation metrics: {@link io.seqpipe.eval.ConfusionMatrix} (per-partition counts summed on the
 * driver), {@link io.seqpipe.eval.ClassificationMetrics} derived from it, and exact {@link io.seqpipe.eval.RocAuc}.
 */
package io.seqpipe.eval;
