package io.seqpipe.tasks.classification;

import io.seqpipe.eval.ClassificationMetrics;
import io.seqpipe.eval.ConfusionMatrix;
import io.seqpipe.eval.RocCurve;
import io.seqpipe.inference.Prediction;
import io.seqpipe.spark.BroadcastEnsemble;
import io.seqpipe.train.EncodedExample;
import io.seqpipe.train.ParameterAveragingTrainer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import scala.Tuple2;

import java.util.List;

/**
 * Classifier metrics computed on the executors ({@link ClassifierAdapter} through a {@link BroadcastEnsemble}: one
 * network, or an ensemble's mean probabilities, {@link ClassifierAdapter#meanProbabilities}): each
 * partition fills a {@link ConfusionMatrix} and a loss sum that
 * the driver merges (no predictions are collected); ROC AUC for binary tasks comes from Spark MLlib's exact,
 * distributed {@link BinaryClassificationMetrics} (no binning); the ROC curve drawn in the report is binned
 * ({@link RocCurve}).
 */
public final class ClassifierEvaluation {

    /**
     * Metrics plus the mean cross-entropy of the true labels, and the binned ROC curve of the positive class's score
     * (binary tasks with a positive class; else null).
     */
    public record Result(ClassificationMetrics metrics, double loss, RocCurve roc) {
    }

    private ClassifierEvaluation() {
    }

    /**
     * @param positiveClass class index of the positive label for AUC, or -1 to skip AUC
     */
    public static Result evaluate(BroadcastEnsemble model, JavaRDD<EncodedExample> examples, List<String> labels,
                                  int batchSize, int positiveClass) {
        int k = labels.size();
        JavaRDD<Prediction<EncodedExample, float[]>> predictions = model.predict(examples, new ClassifierAdapter(),
                batchSize, ClassifierAdapter::meanProbabilities).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            ConfusionMatrix matrix = predictions.treeAggregate(new ConfusionMatrix(k),
                    (m, p) -> m.add(p.input().label(), ClassifierAdapter.predictedClass(p.output())),
                    ConfusionMatrix::merge);
            double lossSum = predictions.mapToDouble(p ->
                    -Math.log(Math.max(p.output()[p.input().label()], 1e-12))).sum();
            double auc = Double.NaN;
            RocCurve roc = null;
            if (k == 2 && positiveClass >= 0 && matrix.total() > 0) {
                roc = predictions.treeAggregate(new RocCurve(RocCurve.DEFAULT_BINS), (r, p) -> r.add(
                        p.output()[positiveClass], p.input().label() == positiveClass), RocCurve::merge);
                JavaRDD<Tuple2<Object, Object>> scoreAndLabel = predictions.map(p -> new Tuple2<>(
                        (Object) (double) p.output()[positiveClass],
                        (Object) (p.input().label() == positiveClass ? 1.0 : 0.0)));
                boolean bothClasses = matrix.actualCount(positiveClass) > 0
                        && matrix.actualCount(1 - positiveClass) > 0;
                if (bothClasses) {
                    BinaryClassificationMetrics bcm = new BinaryClassificationMetrics(scoreAndLabel.rdd(), 0);
                    auc = bcm.areaUnderROC();
                    bcm.unpersist();
                }
            }
            double loss = matrix.total() == 0 ? Double.NaN : lossSum / matrix.total();
            return new Result(ClassificationMetrics.of(matrix, labels, auc), loss, roc);
        } finally {
            predictions.unpersist(false);
        }
    }

    /** The accuracy of the networks' mean probabilities (one network's own accuracy) on {@code examples}. */
    public static double accuracy(JavaSparkContext sc, JavaRDD<EncodedExample> examples, List<String> labels,
                                  int batchSize, List<ComputationGraph> networks) {
        try (BroadcastEnsemble model = BroadcastEnsemble.ofNetworks(sc, networks)) {
            return evaluate(model, examples, labels, batchSize, -1).metrics().accuracy();
        }
    }

    /** Validation accuracy for {@link ParameterAveragingTrainer}, computed on the executors each epoch. */
    public static ParameterAveragingTrainer.Validator accuracyValidator(JavaSparkContext sc,
                                                                       JavaRDD<EncodedExample> validation,
                                                                       List<String> labels, int batchSize) {
        return new ParameterAveragingTrainer.Validator() {
            @Override
            public double score(ComputationGraph network) {
                return accuracy(sc, validation, labels, batchSize, List.of(network));
            }

            @Override
            public String metricName() {
                return "accuracy";
            }

            @Override
            public boolean higherIsBetter() {
                return true;
            }
        };
    }
}
