package io.seqpipe.ml;

import io.seqpipe.DecimalNumber;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.data.TextRecord;
import io.seqpipe.spark.BroadcastEnsemble;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.tasks.classification.ClassificationData;
import io.seqpipe.tasks.classification.ClassifierAdapter;
import io.seqpipe.tasks.classification.ClassifierModel;
import io.seqpipe.tasks.classification.EncodedRecord;
import io.seqpipe.text.TextEncoder;
import io.seqpipe.train.EncodedExample;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

import java.util.List;

/**
 * A trained sentence classifier ({@code task = sentiment}) as a Spark ML model: {@code transform} appends to each row
 * the class of its text ({@code inputCol}, a string), scored as {@code seqpipe score} scores (the text encoded with
 * the model's own tokenizer and vocabulary, the network broadcast once, each partition scored in minibatches of
 * {@code score_batchSize}):
 * <ul>
 *   <li>{@code predictionCol} (double): the predicted label read as a number when every label of the model is a
 *       number (as for a label column of class indices, so Spark's evaluators compare it with the label column),
 *       else the label's index in {@link #labels()};</li>
 *   <li>{@code probabilityCol} (vector): each label's probability, in the order of {@link #labels()};</li>
 *   <li>{@code predictedLabelCol} (string): the predicted label.</li>
 * </ul>
 * A row whose text is null or has no tokens gets nulls in the three columns.
 */
public final class SequenceClassificationModel extends SeqPipeModel<SequenceClassificationModel> {
    private static final long serialVersionUID = 1L;
    private final Param<String> inputCol = ColumnParams.inputCol(this, "the text to classify (string)");
    private final Param<String> predictionCol = ColumnParams.predictionCol(this, "the predicted class (double)");
    private final Param<String> probabilityCol = ColumnParams.probabilityCol(this);
    private final Param<String> predictedLabelCol = ColumnParams.predictedLabelCol(this);

    /** A model of the SeqPipe model directory {@code directory}. */
    public SequenceClassificationModel(String uid, String directory) {
        super(uid, SequenceClassifier.TASK, directory);
        setDefault(inputCol, "text");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(predictedLabelCol, "predictedLabel");
    }

    /** A model of the SeqPipe model directory {@code directory}, with a fresh uid. */
    public SequenceClassificationModel(String directory) {
        this(Identifiable$.MODULE$.randomUID("seqClassModel"), directory);
    }

    public static MLReader<SequenceClassificationModel> read() {
        return new Reader<>(SequenceClassificationModel.class, SequenceClassificationModel::new);
    }

    public static SequenceClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(inputCol, predictionCol, probabilityCol, predictedLabelCol);
    }

    @Override
    protected SequenceClassificationModel newModel(String modelUid, String modelDirectory) {
        return new SequenceClassificationModel(modelUid, modelDirectory);
    }

    /** The model's labels, in class-index order (the order of {@code probabilityCol}). */
    public List<String> labels() {
        return ClassifierModel.load(directory(), hadoop()).directory().labels().labels();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "string",
                t -> t.equals(DataTypes.StringType));
        return SequenceClassifier.outputSchema(stage, schema, getPredictionCol(), getProbabilityCol(),
                getPredictedLabelCol());
    }

    @Override
    protected Dataset<Row> transformRows(Dataset<Row> rows, StructType out) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        ClassifierModel model = ClassifierModel.load(directory(), sc.hadoopConfiguration());
        TextEncoder encoder = model.encoder();
        CharacterIds chars = model.chars();
        List<String> labels = model.directory().labels().labels();
        double[] values = predictionValues(labels);
        int text = rows.schema().fieldIndex(getInputCol());
        JavaRDD<Tuple2<Row, EncodedRecord>> encoded = rows.toJavaRDD().map(r -> new Tuple2<>(r, r.isNullAt(text)
                ? null : EncodedRecord.encode(ParseOutcome.ok(new TextRecord("", 0, null, r.getString(text), null)),
                encoder, chars, null)));
        // not closed: the rows are scored when an action runs on them, after this returns (Spark's cleaner frees it)
        BroadcastEnsemble network = BroadcastEnsemble.of(sc, model.members());
        JavaRDD<Row> scored = network.predict(encoded.filter(t -> t._2() != null && !t._2().isRejected()),
                new ClassifierAdapter().on((Tuple2<Row, EncodedRecord> t) -> example(t._2())), getScoreBatchSize(),
                ClassifierAdapter::meanProbabilities)
                .map(p -> {
                    float[] probabilities = p.output();
                    int best = ClassifierAdapter.predictedClass(probabilities);
                    double[] vector = new double[probabilities.length];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = probabilities[i];
                    }
                    return appended(p.input()._1(), values[best], Vectors.dense(vector), labels.get(best));
                });
        JavaRDD<Row> unscored = encoded.filter(t -> t._2() == null || t._2().isRejected())
                .map(t -> appended(t._1(), null, null, null));
        return rows.sparkSession().createDataFrame(scored.union(unscored), out);
    }

    private static EncodedExample example(EncodedRecord e) {
        return ClassificationData.example(e);
    }

    /** Each label's prediction value: the label as a number when every label is one, else its index. */
    static double[] predictionValues(List<String> labels) {
        double[] values = new double[labels.size()];
        for (int i = 0; i < values.length; i++) {
            if (!DecimalNumber.matches(labels.get(i))) {
                for (int j = 0; j < values.length; j++) {
                    values[j] = j;
                }
                return values;
            }
            values[i] = DecimalNumber.parse(labels.get(i));
        }
        return values;
    }

    private org.apache.hadoop.conf.Configuration hadoop() {
        return org.apache.spark.sql.SparkSession.active().sparkContext().hadoopConfiguration();
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceClassificationModel setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    public SequenceClassificationModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public String getProbabilityCol() {
        return getOrDefault(probabilityCol);
    }

    public SequenceClassificationModel setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public Param<String> predictedLabelCol() {
        return predictedLabelCol;
    }

    public String getPredictedLabelCol() {
        return getOrDefault(predictedLabelCol);
    }

    public SequenceClassificationModel setPredictedLabelCol(String value) {
        set(predictedLabelCol, value);
        return this;
    }
}
