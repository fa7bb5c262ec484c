package io.seqpipe.tasks.classification;

import io.seqpipe.spark.BroadcastEnsemble;
import io.seqpipe.tasks.InferenceStep;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.PredictionFiles;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.SeqPipeException;
import io.seqpipe.text.LabelIndex;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code score}: applies a saved model to an unlabelled corpus ({@code paths.score}, format {@code score.input}) on the
 * executors and writes predictions atomically to {@code paths.predictions}:
 * <pre>
 *   predictions/   Parquet: id string, text string, predicted_label string, probability double,
 *                  probabilities map&lt;string,double&gt; (label → probability)
 *   rejects/       JSON lines, as for prepare
 *   summary.json   counts
 *   predictions.csv, predictions.jsonl   with score.outputFormats: the same rows as single files, in input order
 *   config.resolved.conf                 the resolved config, secrets masked
 * </pre>
 * The network is broadcast once and each partition is scored in minibatches, so memory does not grow with the corpus.
 */
public final class ScoreClassifier {
    public static final StructType PREDICTION_SCHEMA = SchemaNotation.parse("""
            id STRING NOT NULL, text STRING NOT NULL, predicted_label STRING NOT NULL,
            probability DOUBLE NOT NULL, probabilities MAP<STRING, DOUBLE NOT NULL> NOT NULL""");

    /** What score wrote; {@link #lines()} is its console summary. */
    public record Summary(String output, String model, SplitCounts input, Map<String, Long> predictedLabels,
                          List<String> files) implements JobReport {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>(List.of(
                    "score: wrote " + output + "/predictions",
                    "  " + input.describe("score"),
                    "  predicted labels " + predictedLabels));
            lines.addAll(PredictionFiles.alsoAs(files));
            return lines;
        }
    }

    private ScoreClassifier() {
    }

    public static Summary run(SparkSession spark, ClassificationTaskConfig cfg, boolean overwrite) {
        return InferenceStep.run(spark, InferenceStep.Settings.score(cfg), overwrite, ClassifierModel::load, step -> {
            ClassifierModel model = step.model();
            LabelIndex labels = model.directory().labels();
            String corpus = step.input();
            JavaRDD<EncodedRecord> encoded = ClassificationData.readEncoded(step.sc(), corpus,
                    cfg.scoreInput(), cfg.scoreLayout(), model.encoder(), model.chars(), null, "paths.score");
            SplitCounts counts = ClassificationData.count(corpus, encoded);
            if (counts.written() == 0) {
                throw new SeqPipeException("paths.score " + corpus + " has no usable lines: "
                        + counts.describe("score"));
            }
            List<String> files;
            try (BroadcastEnsemble network = BroadcastEnsemble.of(step.sc(), model.members())) {
                JavaRDD<Row> rows = network.predict(encoded.filter(e -> !e.isRejected()),
                        new ClassifierAdapter().on(ClassificationData::example), cfg.scoreBatchSize(),
                        ClassifierAdapter::meanProbabilities)
                        .map(p -> predictionRow(p.input(), p.output(), labels));
                Dataset<Row> predictions = PredictionFiles.persistForExtraFiles(spark.createDataFrame(rows,
                        PREDICTION_SCHEMA), cfg.outputFormats());
                files = step.writePredictions("predictions", predictions, cfg.outputFormats(),
                        csvFrame(predictions, labels), null);
                predictions.unpersist(false);
            }
            step.writeRejects(ClassificationData.rejectRows(encoded, "score"));
            Map<String, Long> byLabel = new LinkedHashMap<>();
            spark.read().parquet(step.child("predictions")).groupBy("predicted_label").count()
                    .collectAsList().forEach(r -> byLabel.put(r.getString(0), r.getLong(1)));
            encoded.unpersist(false);
            Summary summary = new Summary(step.target(), model.directory().path().toString(), counts,
                    byLabel, files);
            step.commitSummary(summary);
            return summary;
        });
    }

    /** The CSV columns: the map of probabilities becomes one column {@code probability_<label>} per label. */
    static Dataset<Row> csvFrame(Dataset<Row> predictions, LabelIndex labels) {
        List<Column> columns = new ArrayList<>(List.of(functions.col("id"), functions.col("text"),
                functions.col("predicted_label"), functions.col("probability")));
        for (String label : labels.labels()) {
            columns.add(functions.col("probabilities").getItem(label).as("probability_" + label));
        }
        return predictions.select(columns.toArray(new Column[0]));
    }

    static Row predictionRow(EncodedRecord e, float[] probabilities, LabelIndex labels) {
        Map<String, Double> byLabel = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < probabilities.length; i++) {
            byLabel.put(labels.label(i), (double) probabilities[i]);
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return RowFactory.create(e.id(), e.record().text(), labels.label(best), (double) probabilities[best],
                scala.collection.JavaConverters.mapAsScalaMap(byLabel));
    }
}
