package io.seqpipe.ml;

import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.tagging.PrepareTaggingData;
import io.seqpipe.tasks.tagging.TaggingTaskConfig;
import io.seqpipe.tasks.tagging.TrainTagger;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The sequence tagger ({@code task = ner}) as a Spark ML estimator. {@code fit} prepares the sentences of
 * {@code inputCol} (tokens, an array of strings) with the tags of {@code labelCol} (an array of strings, one per
 * token, in the scheme {@code tags_input}) as {@code seqpipe prepare} prepares a column file's sentences (a row
 * without tokens, with a blank token or tag, or with a tag count that is not its token count is rejected and
 * counted), trains with parameter averaging as {@code seqpipe train} does, and returns a
 * {@link SequenceTaggingModel}. Every config key of the ner task that shapes training is a Param
 * ({@code features.suffixLengths} → {@code features_suffixLengths}; {@link #setConfig}); for tags without chunks
 * (parts of speech) set {@code tags_input} and {@code tags_train} to {@code none}.
 */
public final class SequenceTagger extends SeqPipeEstimator<TaggingTaskConfig, SequenceTaggingModel> {
    private static final long serialVersionUID = 1L;
    static final String TASK = "ner";
    private final Param<String> inputCol = ColumnParams.inputCol(this, "the sentence's tokens (array<string>)");
    private final Param<String> labelCol = ColumnParams.labelCol(this, "a tag per token (array<string>)");
    private final Param<String> predictionCol = ColumnParams.predictionCol(this,
            "a predicted tag per token (array<string>; IOB2 for chunk schemes)");

    public SequenceTagger(String uid) {
        super(uid, TASK);
        setDefault(inputCol, "tokens");
        setDefault(labelCol, "tags");
        setDefault(predictionCol, "predictedTags");
    }

    public SequenceTagger() {
        this(Identifiable$.MODULE$.randomUID("seqTagger"));
    }

    public static MLReader<SequenceTagger> read() {
        return new DefaultParamsReader<>();
    }

    public static SequenceTagger load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(inputCol, labelCol, predictionCol);
    }

    @Override
    protected String describeInput() {
        return "dataframe(" + getInputCol() + ", " + getLabelCol() + ")";
    }

    @Override
    protected JobReport prepare(SparkSession spark, TaggingTaskConfig cfg, Dataset<Row> rows) {
        String tokens = getInputCol();
        String tags = getLabelCol();
        return PrepareTaggingData.run(spark, cfg, false,
                (path, key) -> PrepareTaggingData.readRows(rows, tokens, tags, path));
    }

    @Override
    protected JobReport train(SparkSession spark, TaggingTaskConfig cfg) {
        return TrainTagger.run(spark, cfg, false, List.of());
    }

    @Override
    protected SequenceTaggingModel newModel(String modelUid, String directory) {
        return new SequenceTaggingModel(modelUid, directory);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "array<string>",
                SequenceTagger::stringArray);
        StageColumns.requireInput(stage, schema, "labelCol", getLabelCol(), "array<string>",
                SequenceTagger::stringArray);
        return outputSchema(stage, schema, getPredictionCol());
    }

    static boolean stringArray(DataType type) {
        return type instanceof ArrayType a && a.elementType().equals(DataTypes.StringType);
    }

    /** {@code schema} with the tagger's prediction column, which must not be there yet. */
    static StructType outputSchema(String stage, StructType schema, String prediction) {
        StageColumns.requireAbsent(stage, schema, "predictionCol", prediction);
        return schema.add(prediction, DataTypes.createArrayType(DataTypes.StringType, false), true);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceTagger setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    public SequenceTagger setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    public SequenceTagger setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    @Override
    public SequenceTagger setConfig(String key, Object value) {
        super.setConfig(key, value);
        return this;
    }

    @Override
    public SequenceTagger setWorkDir(String value) {
        super.setWorkDir(value);
        return this;
    }
}
