/**
 * Pure, mergeable evaluation metrics: {@link io.seqpipe.eval.ConfusionMatrix} (per-partition counts summed on the
 * driver), {@link io.seqpipe.eval.ClassificationMetrics} derived from it, exact {@link io.seqpipe.eval.RocAuc}, and the
 * spread of metrics over cross-validation folds ({@link io.seqpipe.eval.FoldSpread}).
 */
package io.seqpipe.eval;
