/**
 * Text classification (task {@code sentiment}, many-to-one): {@link io.seqpipe.tasks.classification.PrepareClassificationData},
 * {@link io.seqpipe.tasks.classification.TrainClassifier}, {@link io.seqpipe.tasks.classification.EvaluateClassifier} and
 * {@link io.seqpipe.tasks.classification.ScoreClassifier}, configured by
 * {@link io.seqpipe.tasks.classification.ClassificationTaskConfig}.
 */
package io.seqpipe.tasks.classification;
