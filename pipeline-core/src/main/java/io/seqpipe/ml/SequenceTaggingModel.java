package io.seqpipe.ml;

import io.seqpipe.tasks.tagging.ScoreTagger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * A trained sequence tagger ({@code task = ner}) as a Spark ML model: {@code transform} appends to each row a tag per
 * token of {@code inputCol} (an array of strings) in {@code predictionCol} (an array of strings; IOB2 for chunk
 * schemes), tagged as {@code seqpipe score} tags (the tokens' features with the model's own vocabularies, the network
 * broadcast once, each partition tagged in minibatches of {@code score_batchSize}). A row whose tokens are null,
 * empty or hold a null token gets a null.
 */
public final class SequenceTaggingModel extends SeqPipeModel<SequenceTaggingModel> {
    private static final long serialVersionUID = 1L;
    private final Param<String> inputCol = ColumnParams.inputCol(this, "the sentence's tokens (array<string>)");
    private final Param<String> predictionCol = ColumnParams.predictionCol(this,
            "a predicted tag per token (array<string>; IOB2 for chunk schemes)");

    /** A model of the SeqPipe model directory {@code directory}. */
    public SequenceTaggingModel(String uid, String directory) {
        super(uid, SequenceTagger.TASK, directory);
        setDefault(inputCol, "tokens");
        setDefault(predictionCol, "predictedTags");
    }

    /** A model of the SeqPipe model directory {@code directory}, with a fresh uid. */
    public SequenceTaggingModel(String directory) {
        this(Identifiable$.MODULE$.randomUID("seqTaggerModel"), directory);
    }

    public static MLReader<SequenceTaggingModel> read() {
        return new Reader<>(SequenceTaggingModel.class, SequenceTaggingModel::new);
    }

    public static SequenceTaggingModel load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(inputCol, predictionCol);
    }

    @Override
    protected SequenceTaggingModel newModel(String modelUid, String modelDirectory) {
        return new SequenceTaggingModel(modelUid, modelDirectory);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "array<string>",
                SequenceTagger::stringArray);
        return SequenceTagger.outputSchema(stage, schema, getPredictionCol());
    }

    @Override
    protected Dataset<Row> transformRows(Dataset<Row> rows, StructType out) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        int tokens = rows.schema().fieldIndex(getInputCol());
        JavaRDD<Row> all = rows.toJavaRDD();
        JavaRDD<Row> tagged = ScoreTagger.tagTokens(sc, directory(), SequenceTagger.TASK,
                all.filter(r -> taggable(r, tokens)), (Row r) -> r.<String>getList(tokens), getScoreBatchSize())
                .map(p -> appended(p.input(),
                        (Object) p.output().toArray(new String[0])));
        JavaRDD<Row> untagged = all.filter(r -> !taggable(r, tokens))
                .map(r -> appended(r, (Object) null));
        return rows.sparkSession().createDataFrame(tagged.union(untagged), out);
    }

    private static boolean taggable(Row r, int tokens) {
        return !r.isNullAt(tokens) && !r.getList(tokens).isEmpty() && !r.getList(tokens).contains(null);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceTaggingModel setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public String getPredictionCol() {
        return getOrDefault(predictionCol);
    }

    public SequenceTaggingModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }
}
