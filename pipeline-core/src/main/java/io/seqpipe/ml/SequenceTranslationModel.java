package io.seqpipe.ml;

import io.seqpipe.tasks.translation.ScoreTranslator;
import io.seqpipe.translation.decode.SearchSettings;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * A trained sentence translator ({@code task = translation}) as a Spark ML model: {@code transform} appends to each
 * row the translation of its source text ({@code inputCol}, a string) in {@code predictionCol} (a string: the target
 * tokens joined by spaces), decoded as {@code seqpipe score} decodes (the text tokenized with the model's own source
 * side, the network broadcast once, each partition decoded in length-sorted batches of {@code decode_batchSize} by
 * beam search under {@code decode_beamSize}, {@code decode_maxLength} and {@code decode_lengthPenalty}: the
 * {@code decode.*} keys, copied from the estimator). A row whose text is null or has no tokens gets a null.
 */
public final class SequenceTranslationModel extends SeqPipeModel<SequenceTranslationModel> {
    private static final long serialVersionUID = 1L;
    private final Param<String> inputCol = ColumnParams.inputCol(this, SequenceTranslator.SOURCE);
    private final Param<String> predictionCol = ColumnParams.predictionCol(this, SequenceTranslator.TRANSLATION);

    /** A model of the SeqPipe model directory {@code directory}. */
    public SequenceTranslationModel(String uid, String directory) {
        super(uid, SequenceTranslator.TASK, directory, key -> key.startsWith("decode."));
        setDefault(inputCol, "source");
        setDefault(predictionCol, "translation");
    }

    /** A model of the SeqPipe model directory {@code directory}, with a fresh uid. */
    public SequenceTranslationModel(String directory) {
        this(Identifiable$.MODULE$.randomUID("seqTranslatorModel"), directory);
    }

    public static MLReader<SequenceTranslationModel> read() {
        return new Reader<>(SequenceTranslationModel.class, SequenceTranslationModel::new);
    }

    public static SequenceTranslationModel load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(inputCol, predictionCol);
    }

    @Override
    protected SequenceTranslationModel newModel(String modelUid, String modelDirectory) {
        return new SequenceTranslationModel(modelUid, modelDirectory);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "string",
                t -> t.equals(DataTypes.StringType));
        return SequenceTranslator.outputSchema(stage, schema, getPredictionCol());
    }

    @Override
    protected Dataset<Row> transformRows(Dataset<Row> rows, StructType out) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        int text = rows.schema().fieldIndex(getInputCol());
        SearchSettings search = SearchSettings.of((Integer) getConfig("decode.beamSize"),
                (Integer) getConfig("decode.maxLength"), (Double) getConfig("decode.lengthPenalty"));
        return rows.sparkSession().createDataFrame(ScoreTranslator.translateTexts(sc, directory(), rows.toJavaRDD(),
                (Row r) -> r.isNullAt(text) ? null : r.getString(text), search, (Integer) getConfig("decode.batchSize"))
                .map(p -> appended(p.input(), p.output())), out);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceTranslationModel setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    public SequenceTranslationModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }
}
