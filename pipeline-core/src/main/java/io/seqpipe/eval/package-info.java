/**
 * Pure, mergeable evaluation metrics: {@link io.seqpipe.eval.ConfusionMatrix} (per-partition counts summed on the
 * driver), {@link io.seqpipe.eval.ClassificationMetrics} derived from it, the
 * spread of metrics over cross-validation folds ({@link io.seqpipe.eval.FoldSpread}), and the guard that fails a run
 * reporting NaN metrics ({@link io.seqpipe.eval.UndefinedMetrics}).
 */
package io.seqpipe.eval;
