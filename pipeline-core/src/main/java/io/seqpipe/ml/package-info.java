/**
 * SeqPipe's tasks as Spark ML stages, for a user's own {@code org.apache.spark.ml.Pipeline}: estimators
 * ({@link io.seqpipe.ml.SequenceClassifier}, {@link io.seqpipe.ml.SequenceTagger},
 * {@link io.seqpipe.ml.SequenceForecaster}, {@link io.seqpipe.ml.SequenceTranslator},
 * {@link io.seqpipe.ml.SequenceLanguageModeler}) whose {@code fit} runs the task's prepare over a DataFrame's rows and
 * its parameter-averaging train, and models ({@link io.seqpipe.ml.SequenceClassificationModel},
 * {@link io.seqpipe.ml.SequenceTaggingModel}, {@link io.seqpipe.ml.SequenceTranslationModel},
 * {@link io.seqpipe.ml.SequenceLanguageModel}) whose {@code transform} appends predictions (classes, tags,
 * translations, likelihoods) with score's batched, broadcast inference, or ({@link io.seqpipe.ml.SequenceForecastModel})
 * turns series rows into score's forecast rows. All share one base
 * ({@link io.seqpipe.ml.SeqPipeEstimator}, {@link io.seqpipe.ml.SeqPipeModel}); their Params are the task's config
 * keys as its defaults declare them ({@code model.hidden} ↔ {@code model_hidden}), validated with the CLI's messages;
 * a saved model is Spark ML metadata plus the SeqPipe model directory, readable by {@code PipelineModel.load}.
 *
 * <p>Uses Spark. Sits above the tasks and below the jobs module; nothing else in pipeline-core uses it
 * ({@code ArchitectureRulesTest}).
 */
package io.seqpipe.ml;
