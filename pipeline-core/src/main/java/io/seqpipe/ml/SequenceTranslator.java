package io.seqpipe.ml;

import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.translation.PrepareTranslationData;
import io.seqpipe.tasks.translation.TrainTranslator;
import io.seqpipe.tasks.translation.TranslationData;
import io.seqpipe.tasks.translation.TranslationTaskConfig;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * The sentence translator ({@code task = translation}: an encoder-decoder with attention) as a Spark ML estimator.
 * {@code fit} prepares the pairs of {@code inputCol} (the source text, a string) and {@code labelCol} (its
 * translation, a string) as {@code seqpipe prepare} prepares a parallel corpus's lines (a pair with a null or empty
 * side, or with a side longer than {@code sequence.max*Length}, is rejected and counted), trains with parameter
 * averaging as {@code seqpipe train} does, and returns a {@link SequenceTranslationModel}. Every config key of the
 * translation task that shapes training or decoding is a Param ({@code decoder.hidden} → {@code decoder_hidden},
 * {@code decode.beamSize} → {@code decode_beamSize}; {@link #setConfig}); the {@code decode.*} values are copied onto
 * the model. See {@link SeqPipeEstimator}.
 */
public final class SequenceTranslator extends SeqPipeEstimator<TranslationTaskConfig, SequenceTranslationModel> {
    private static final long serialVersionUID = 1L;
    static final String TASK = "translation";
    static final String SOURCE = "the source text to translate (string)";
    static final String TRANSLATION = "the translation: the target tokens joined by spaces (string)";
    private final Param<String> inputCol = ColumnParams.inputCol(this, SOURCE);
    private final Param<String> labelCol = ColumnParams.labelCol(this, "the source text's translation (string)");
    private final Param<String> predictionCol = ColumnParams.predictionCol(this, TRANSLATION);

    public SequenceTranslator(String uid) {
        super(uid, TASK);
        setDefault(inputCol, "source");
        setDefault(labelCol, "target");
        setDefault(predictionCol, "translation");
    }

    public SequenceTranslator() {
        this(Identifiable$.MODULE$.randomUID("seqTranslator"));
    }

    public static MLReader<SequenceTranslator> read() {
        return new DefaultParamsReader<>();
    }

    public static SequenceTranslator load(String path) {
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
    protected JobReport prepare(SparkSession spark, TranslationTaskConfig cfg, Dataset<Row> rows) {
        String source = getInputCol();
        String target = getLabelCol();
        return PrepareTranslationData.run(spark, cfg, false,
                (path, key) -> TranslationData.readRows(rows, source, target, path));
    }

    @Override
    protected JobReport train(SparkSession spark, TranslationTaskConfig cfg) {
        return TrainTranslator.run(spark, cfg, false, false, List.of());
    }

    @Override
    protected SequenceTranslationModel newModel(String modelUid, String directory) {
        return new SequenceTranslationModel(modelUid, directory);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "string",
                t -> t.equals(DataTypes.StringType));
        StageColumns.requireInput(stage, schema, "labelCol", getLabelCol(), "string",
                t -> t.equals(DataTypes.StringType));
        return outputSchema(stage, schema, getPredictionCol());
    }

    /** {@code schema} with the translation column, which must not be there yet. */
    static StructType outputSchema(String stage, StructType schema, String prediction) {
        StageColumns.requireAbsent(stage, schema, "predictionCol", prediction);
        return schema.add(prediction, DataTypes.StringType, true);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceTranslator setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    public SequenceTranslator setLabelCol(String value) {
        set(labelCol, value);
        return this;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    public SequenceTranslator setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }

    @Override
    public SequenceTranslator setConfig(String key, Object value) {
        super.setConfig(key, value);
        return this;
    }

    @Override
    public SequenceTranslator setWorkDir(String value) {
        super.setWorkDir(value);
        return this;
    }
}
