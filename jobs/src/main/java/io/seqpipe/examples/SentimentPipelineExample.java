package io.seqpipe.examples;

import io.seqpipe.ml.SequenceClassifier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;

/**
 * SeqPipe's sentence classifier as one stage of a Spark user's own ML Pipeline: the user's SQL cleans the reviews,
 * {@link SequenceClassifier} trains SeqPipe's recurrent classifier on them (SeqPipe's prepare and
 * parameter-averaging train, on the executors), another SQL stage reads its predictions; the fitted pipeline is
 * saved, loaded back with {@code PipelineModel.load} and scores the held-out reviews, and Spark's own evaluator
 * measures it. Copy {@link #runExample} into your job.
 *
 * <pre>
 * spark-submit --class io.seqpipe.examples.SentimentPipelineExample jobs/target/seqpipe-jobs-*-shaded.jar \
 *     conf/samples/sentiment/train.tsv target/pipeline-example
 * </pre>
 */
public final class SentimentPipelineExample {
    private SentimentPipelineExample() {
    }

    public static void main(String[] args) throws IOException {
        SparkSession spark = SparkSession.builder().appName("seqpipe-pipeline-example").getOrCreate();
        try {
            System.out.println(runExample(spark, args[0], args[1]));
        } finally {
            spark.stop();
        }
    }

    /**
     * What the example did.
     *
     * @param accuracy the loaded pipeline's accuracy on the held-out reviews
     * @param scored   the held-out reviews it scored
     * @param saved    where the fitted pipeline was saved
     */
    public record Result(double accuracy, long scored, String saved) {
    }

    /**
     * Fits, saves, loads and evaluates the pipeline.
     *
     * @param reviewsTsv reviews with a header: {@code sentence} (the text) and {@code label} ({@code 0} or {@code 1})
     * @param workDir    where SeqPipe trains (a folder per fit) and the pipeline is saved; on HDFS on a cluster
     */
    public static Result runExample(SparkSession spark, String reviewsTsv, String workDir)
            throws IOException {
        Dataset<Row> reviews = spark.read().option("sep", "\t").option("header", "true").csv(reviewsTsv);
        Dataset<Row>[] parts = reviews.randomSplit(new double[]{0.8, 0.2}, 42);

        SequenceClassifier classifier = new SequenceClassifier()
                .setInputCol("text")
                .setLabelCol("label")
                .setWorkDir(workDir + "/fits")
                // any config key of the sentiment task: model.hidden is the Param model_hidden
                .setConfig("model.hidden", 16)
                .setConfig("model.embedding", 16)
                .setConfig("train.epochs", 6);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[]{
            new SQLTransformer().setStatement(
                    "SELECT *, trim(sentence) AS text FROM __THIS__ WHERE label IN ('0', '1')"),
            classifier,
            new SQLTransformer().setStatement("SELECT *, CAST(label AS DOUBLE) AS labelValue FROM __THIS__")});

        PipelineModel fitted = pipeline.fit(parts[0]);
        String saved = workDir + "/sentiment-pipeline";
        fitted.write().overwrite().save(saved);

        // labels 0 and 1 are numbers, so the prediction column holds the predicted label's value
        Dataset<Row> scored = PipelineModel.load(saved).transform(parts[1]).na().drop(new String[]{"prediction"});
        double accuracy = new MulticlassClassificationEvaluator().setLabelCol("labelValue")
                .setPredictionCol("prediction").setMetricName("accuracy").evaluate(scored);
        return new Result(accuracy, scored.count(), saved);
    }
}
