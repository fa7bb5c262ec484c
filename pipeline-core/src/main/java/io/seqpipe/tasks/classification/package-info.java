/**
 * Text classification (task {@code sentiment}, many-to-one): {@link io.seqpipe.tasks.classification.PrepareClassificationData},
 * {@link io.seqpipe.tasks.classification.TrainClassifier}, {@link io.seqpipe.tasks.classification.EvaluateClassifier} and
 * {@link io.seqpipe.tasks.classification.ScoreClassifier}, configured by
 * {@link io.seqpipe.tasks.classification.ClassificationTaskConfig}. The classifier may start its word embedding from
 * pretrained vectors ({@code model.embeddings.*}) and read each token's characters ({@code model.chars.*}), as the
 * taggers do, and several networks may train and predict together ({@code train.ensemble}: the mean of their class
 * probabilities).
 */
package io.seqpipe.tasks.classification;
