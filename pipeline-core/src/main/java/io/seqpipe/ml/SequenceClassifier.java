package io.seqpipe.ml;

import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.classification.ClassificationData;
import io.seqpipe.tasks.classification.ClassificationTaskConfig;
import io.seqpipe.tasks.classification.PrepareClassificationData;
import io.seqpipe.tasks.classification.TrainClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The sentence classifier ({@code task = sentiment}) as a Spark ML estimator. {@code fit} prepares the texts of
 * {@code inputCol} (strings) with the labels of {@code labelCol} (strings, or numbers such as a
 * {@code StringIndexer}'s indices: {@code 1.0} is the label {@code 1}) as {@code seqpipe prepare} prepares a file's
 * lines (rows with a null or blank text or label are rejected and counted), trains with parameter averaging as
 * {@code seqpipe train} does, and returns a {@link SequenceClassificationModel}. Every config key of the sentiment
 * task that shapes training is a Param ({@code model.hidden} → {@code model_hidden}; {@link #setConfig}); see
 * {@link SeqPipeEstimator}.
 */
public final class SequenceClassifier extends SeqPipeEstimator<ClassificationTaskConfig, SequenceClassificationModel> {
    private static final long serialVersionUID = 1L;
    static final String TASK = "sentiment";
    private final Param<String> inputCol = ColumnParams.inputCol(this, "the text to classify (string)");
    private final Param<String> labelCol = ColumnParams.labelCol(this, "its class (string or numeric)");
    private final Param<String> predictionCol = ColumnParams.predictionCol(this, "the predicted class (double)");
    private final Param<String> probabilityCol = ColumnParams.probabilityCol(this);
    private final Param<String> predictedLabelCol = ColumnParams.predictedLabelCol(this);

    public SequenceClassifier(String uid) {
        super(uid, TASK);
        setDefault(inputCol, "text");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(predictedLabelCol, "predictedLabel");
    }

    public SequenceClassifier() {
        this(Identifiable$.MODULE$.randomUID("seqClass"));
    }

    public static MLReader<SequenceClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static SequenceClassifier load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(inputCol, labelCol, predictionCol, probabilityCol, predictedLabelCol);
    }

    @Override
    protected String describeInput() {
        return "dataframe(" + getInputCol() + ", " + getLabelCol() + ")";
    }

    @Override
    protected JobReport prepare(SparkSession spark, ClassificationTaskConfig cfg, Dataset<Row> rows) {
        String text = getInputCol();
        String label = getLabelCol();
        return PrepareClassificationData.run(spark, cfg, false,
                (path, key) -> ClassificationData.readRows(rows, text, label, path));
    }

    @Override
    protected JobReport train(SparkSession spark, ClassificationTaskConfig cfg) {
        return TrainClassifier.run(spark, cfg, false, List.of());
    }

    @Override
    protected SequenceClassificationModel newModel(String modelUid, String directory) {
        return new SequenceClassificationModel(modelUid, directory);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "string",
                t -> t.equals(DataTypes.StringType));
        StageColumns.requireInput(stage, schema, "labelCol", getLabelCol(), "string or numeric",
                t -> t.equals(DataTypes.StringType) || t instanceof NumericType);
        return outputSchema(stage, schema, getPredictionCol(), getProbabilityCol(), getPredictedLabelCol());
    }

    /** {@code schema} with the classifier's three prediction columns, which must not be there yet. */
    static StructType outputSchema(String stage, StructType schema, String prediction, String probability,
                                   String predictedLabel) {
        StageColumns.requireAbsent(stage, schema, "predictionCol", prediction);
        StageColumns.requireAbsent(stage, schema, "probabilityCol", probability);
        StageColumns.requireAbsent(stage, schema, "predictedLabelCol", predictedLabel);
        return schema.add(prediction, DataTypes.DoubleType, true)
                .add(probability, SQLDataTypes.VectorType(), true)
                .add(predictedLabel, DataTypes.StringType, true);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceClassifier setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    public SequenceClassifier setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    public SequenceClassifier setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public String getProbabilityCol() {
        return getOrDefault(probabilityCol);
    }

    public SequenceClassifier setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public Param<String> predictedLabelCol() {
        return predictedLabelCol;
    }

    public String getPredictedLabelCol() {
        return getOrDefault(predictedLabelCol);
    }

    public SequenceClassifier setPredictedLabelCol(String value) {
        set(predictedLabelCol, value);
        return this;
    }

    @Override
    public SequenceClassifier setConfig(String key, Object value) {
        super.setConfig(key, value);
        return this;
    }

    @Override
    public SequenceClassifier setWorkDir(String value) {
        super.setWorkDir(value);
        return this;
    }
}
