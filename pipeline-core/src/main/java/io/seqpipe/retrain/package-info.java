/**
 * Nightly champion/challenger retraining, task-agnostic: {@link io.seqpipe.retrain.NightlyRetrain} runs a task's own
 * prepare, train, evaluate and score jobs for one dated snapshot under the registry lock, decides with
 * {@link io.seqpipe.registry.PromotionPolicy} over the typed metrics both evaluations return, and records every step in
 * a {@link io.seqpipe.retrain.RunLog}. {@link io.seqpipe.retrain.RetrainSettings} holds the validated
 * {@code retrain.*} keys.
 */
package io.seqpipe.retrain;
