package io.seqpipe.tasks;

import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.train.MinibatchFormat;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What one task supplies to {@link TrainStep}: how its prepared rows become examples, its network, its minibatches,
 * its validation and what its model directory holds. A task builds one from what it read of the prepared folder
 * (vocabularies, labels, fitted artifacts); the step does the rest.
 *
 * @param <E> a training example
 * @param <V> a validation example: the training example for most tasks, the gold sentence for tagging
 */
public interface TrainingRecipe<E, V> {

    /** What an example is, plural and lower case ({@code examples}, {@code sentences}, ...), for counts and errors. */
    String exampleNoun();

    /** The training examples of the prepared {@code train} split. */
    JavaRDD<E> trainExamples(Dataset<Row> rows);

    /** The validation examples of the prepared {@code validation} split. */
    JavaRDD<V> validationExamples(Dataset<Row> rows);

    /**
     * The validator run after each epoch on the (persisted) validation examples, or null to train without validating.
     *
     * @param count how many validation examples there are
     */
    ParameterAveragingTrainer.Validator validator(JavaSparkContext sc, JavaRDD<V> validation, long count);

    /** The network to fit. */
    ComputationGraphConfiguration network();

    /**
     * Sets parameters of the freshly initialized network before training (e.g. pretrained word vectors); the default
     * keeps DL4J's seeded initialization. Not called when training resumes from a checkpoint.
     */
    default void initialize(ComputationGraph network) {
    }

    /** How the trainer turns training examples into minibatches. */
    MinibatchFormat<E> format();

    /** What the model directory holds beside the weights. */
    ModelFiles modelFiles();

    /** The provenance's {@code metrics} key of the best validation metric, e.g. {@code validationAccuracy}. */
    String validationMetricKey();

    /** The key of the validation metric in each epoch of the provenance's {@code history}. */
    default String historyValidationKey() {
        return "validation";
    }

    /** The provenance's {@code vocabularySize}: the model's vocabulary's unless the task says otherwise. */
    default int provenanceVocabularySize() {
        return modelFiles().vocabulary().size();
    }

    /** The provenance's {@code labels}: the model's labels unless the task says otherwise. */
    default List<String> provenanceLabels() {
        return modelFiles().labels().labels();
    }

    /**
     * Token counts of the training examples by provenance key (e.g. {@code trainTokens}); the step also records their
     * throughput ({@code tokensPerSecond}). Empty (the default) for tasks that do not count tokens.
     */
    default Map<String, Long> countTokens(JavaRDD<E> train) {
        return Map.of();
    }

    /** What else the provenance's {@code training} records for this task (e.g. feature names). */
    default Map<String, Object> trainingExtras() {
        return Map.of();
    }

    /**
     * Whether a NaN best validation metric may be reported; when not, training fails before the model is written and
     * names {@code evaluate.allowNanMetrics}. Tasks without that key allow it.
     */
    default boolean allowNanValidation() {
        return true;
    }

    /**
     * An ensemble of networks to train instead of one, or null (the default) for one network. Only tasks with a
     * {@code train.ensemble} key return one.
     */
    default Ensemble<V> ensemble() {
        return null;
    }

    /**
     * Several networks trained one after the other in one job on the same examples, each exactly as the single network
     * would be (same parameter averaging, validator, early stopping) but with its own settings (its seed), network
     * and checkpoints ({@code <train.checkpoint.dir>/member-<i>}), and saved together in one model directory
     * ({@link io.seqpipe.provenance.ModelDirectory}: member 0 as {@code model.zip}).
     *
     * @param <V> a validation example
     */
    interface Ensemble<V> {
        /** How many members, at least 2. */
        int size();

        /** The training settings of member {@code member} (0-based). */
        TrainSettings train(int member);

        /** The network of member {@code member}. */
        ComputationGraphConfiguration network(int member);

        /**
         * The validation metric of the ensemble's combined prediction (the same metric and direction as the
         * validator's) on the validation examples.
         */
        double validate(JavaSparkContext sc, JavaRDD<V> validation, List<ComputationGraph> members);

        /**
         * An ensemble of {@code size} members whose settings and networks come from functions of the member index
         * (the tasks' members differ by {@code train.seed + i}), validated by {@code validation}.
         */
        static <V> Ensemble<V> of(int size, IntFunction<TrainSettings> train,
                                  IntFunction<ComputationGraphConfiguration> network, Validation<V> validation) {
            return new Ensemble<>() {
                @Override
                public int size() {
                    return size;
                }

                @Override
                public TrainSettings train(int member) {
                    return train.apply(member);
                }

                @Override
                public ComputationGraphConfiguration network(int member) {
                    return network.apply(member);
                }

                @Override
                public double validate(JavaSparkContext sc, JavaRDD<V> examples, List<ComputationGraph> members) {
                    return validation.validate(sc, examples, members);
                }
            };
        }

        /** The validation metric of the members' combined prediction ({@link #validate}). */
        @FunctionalInterface
        interface Validation<V> {
            double validate(JavaSparkContext sc, JavaRDD<V> validation, List<ComputationGraph> members);
        }
    }

    /**
     * The model directory's contents beside the weights.
     *
     * @param artifacts artifact name → lines, under {@code artifacts/}
     */
    record ModelFiles(Vocabulary vocabulary, LabelIndex labels, Map<String, List<String>> artifacts) {
        public ModelFiles(Vocabulary vocabulary, LabelIndex labels) {
            this(vocabulary, labels, Map.of());
        }
    }
}
