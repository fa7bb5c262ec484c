package io.seqpipe.tasks.forecast;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.seqpipe.SeqPipeException;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.provenance.TrainingRun;
import io.seqpipe.tasks.TrainReport;
import io.seqpipe.tasks.TrainStep;
import io.seqpipe.tasks.TrainingRecipe;
import io.seqpipe.text.LabelIndex;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.train.MinibatchFormat;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainSettings;
import io.seqpipe.train.TrainingListener;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Map;

/**
 * {@code train}: fits the forecaster on the prepared training windows with parameter averaging, validating (RMSE in
 * original units) on the validation windows each epoch with early stopping, and writes a model directory
 * ({@link ModelDirectory}) whose {@code artifacts/} hold the fitted scaler, categories and seasonal indices
 * ({@link ForecastArtifacts}); its vocabulary is empty (the input is dense) and its labels are the target columns
 * ({@link TrainStep}).
 */
public final class TrainForecaster {
    /** The config sections that shape the prepared windows: they must be the same at prepare and train time. */
    static final List<String> DATA_SECTIONS = List.of("series", "cleaning", "split", "scaling", "window",
            "evaluation", "transform");

    /** What training did; {@code training} is also the model's provenance ({@link TrainingRun}). */
    public record Summary(String model, TrainingRun training, double finalLoss, double bestValidationRmse)
            implements TrainReport {
        @Override
        public List<String> lines() {
            TrainingRun t = training;
            List<String> lines = new java.util.ArrayList<>(List.of(
                    "train: wrote " + model,
                    String.format("  %d train / %d validation windows, %d epochs (best %d), %d parameters",
                            t.trainExamples(), t.validationExamples(), t.epochsRun(), t.bestEpoch(), t.parameters()),
                    String.format("  final train loss %.5f, best validation RMSE %.4f", finalLoss, bestValidationRmse),
                    String.format("  %.1f s, %.1f windows/s%s%s", t.seconds(), t.examplesPerSecond(), earlyStopSuffix(),
                            t.resumedFrom() == null ? "" : ", resumed from " + t.resumedFrom())));
            // the lines above describe member 0, except the validation RMSE: the ensemble's (of the median)
            ensembleLine("validationRmse", "RMSE", "the median forecast's").ifPresent(lines::add);
            return lines;
        }
    }

    private TrainForecaster() {
    }

    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite,
                              List<TrainingListener> extraListeners) {
        return run(spark, cfg, overwrite, false, extraListeners);
    }

    /** @param resume continue from the newest valid checkpoint in {@code train.checkpoint.dir} ({@code --resume}) */
    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite, boolean resume,
                              List<TrainingListener> extraListeners) {
        TrainStep.Settings settings = new TrainStep.Settings("forecast", cfg.paths().prepared(), cfg.paths().model(),
                cfg.train(), cfg.checkpoints(), cfg.resolved());
        TrainStep.Outcome o = TrainStep.run(spark, settings, overwrite, resume, extraListeners, prepared -> {
            requireSameData(cfg.resolved(), ConfigFactory.parseString(prepared.string("config.json")),
                    prepared.path());
            ForecastPreprocessing prep = ForecastArtifacts.preprocessing(cfg.data(), cfg.transform(),
                    cfg.quantiles(), prepared::lines);
            return new Recipe(cfg, prep, ForecastArtifacts.lines(prep));
        });
        return new Summary(o.model(), o.training(), o.finalLoss(), o.bestValidation());
    }

    /** The trainer's minibatch format for windows: features {@code [batch, F, L]}, labels {@code [batch, H·K]}. */
    public static MinibatchFormat<WindowExample> format(ForecastPreprocessing prep) {
        return new MinibatchFormat<>() {
            @Override
            public long row(WindowExample example) {
                return example.row();
            }

            @Override
            public DataSet minibatch(List<WindowExample> examples) {
                return prep.minibatch(examples);
            }
        };
    }

    /** Fails when the data sections of the current config differ from those the windows were prepared with. */
    static void requireSameData(Config current, Config prepared, Path preparedPath) {
        for (String section : DATA_SECTIONS) {
            Object now = current.hasPath(section) ? current.getValue(section).unwrapped() : null;
            Object then = prepared.hasPath(section) ? prepared.getValue(section).unwrapped() : null;
            if (!java.util.Objects.equals(now, then)) {
                throw new SeqPipeException("the " + section + ".* settings differ from those " + preparedPath
                        + " was prepared with (" + then + " there, " + now + " now); run prepare again");
            }
        }
    }

    /** Windows of scaled features in, H steps of the targets out, validated by RMSE in original units. */
    private record Recipe(ForecastTaskConfig cfg, ForecastPreprocessing prep, Map<String, List<String>> artifacts)
            implements TrainingRecipe<WindowExample, WindowExample> {
        @Override
        public String exampleNoun() {
            return "windows";
        }

        @Override
        public JavaRDD<WindowExample> trainExamples(Dataset<Row> rows) {
            return ForecastData.examples(rows);
        }

        @Override
        public JavaRDD<WindowExample> validationExamples(Dataset<Row> rows) {
            return ForecastData.examples(rows);
        }

        @Override
        public ParameterAveragingTrainer.Validator validator(JavaSparkContext sc, JavaRDD<WindowExample> validation,
                                                            long count) {
            return count == 0 ? null : ForecastInference.rmseValidator(sc, prep, validation,
                    cfg.data().window().horizon(), cfg.evaluateBatchSize());
        }

        @Override
        public ComputationGraphConfiguration network() {
            return NetworkFactory.forecaster(cfg.model(), cfg.optimizer(), prep.featureCount(), prep.outputCount(),
                    cfg.lossFunction());
        }

        @Override
        public MinibatchFormat<WindowExample> format() {
            return TrainForecaster.format(prep);
        }

        @Override
        public ModelFiles modelFiles() {
            return new ModelFiles(Vocabulary.of(List.of()), new LabelIndex(prep.targetColumns()), artifacts);
        }

        @Override
        public int provenanceVocabularySize() {
            // the input is dense: the model's vocabulary holds only the padding and unknown tokens
            return 0;
        }

        @Override
        public String validationMetricKey() {
            return "validationRmse";
        }

        @Override
        public String historyValidationKey() {
            return "validationRmse";
        }

        @Override
        public Ensemble<WindowExample> ensemble() {
            // member i: the configured network with seed train.seed + i; validated on the median of their forecasts
            return cfg.ensemble() == 1 ? null : Ensemble.of(cfg.ensemble(), i -> cfg.member(i).train(),
                    i -> new Recipe(cfg.member(i), prep, artifacts).network(),
                    (sc, validation, members) -> ForecastInference.ensembleRmse(sc, prep, validation,
                            cfg.data().window().horizon(), cfg.evaluateBatchSize(), members));
        }

        @Override
        public Map<String, Object> trainingExtras() {
            return Map.of("features", prep.assembler().featureNames());
        }
    }
}
