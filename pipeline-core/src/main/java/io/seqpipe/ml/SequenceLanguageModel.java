package io.seqpipe.ml;

import io.seqpipe.tasks.lm.ScoreLmLikelihood;
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
 * A trained language model ({@code task = lm}) as a Spark ML model: {@code transform} appends to each row the
 * log-likelihood (nats, summed over the units) and the perplexity of its text ({@code inputCol}, a string, one
 * document), computed as {@code seqpipe score} with {@code score.mode = likelihood} computes them (the text tokenized
 * into units as the training text was, read after the document boundary from a zero state, the state carried across
 * segments of {@code evaluate_segmentLength} steps; the network broadcast once). A row whose text is null, blank or
 * has no units gets nulls.
 */
public final class SequenceLanguageModel extends SeqPipeModel<SequenceLanguageModel> {
    private static final long serialVersionUID = 1L;
    private static final String SEGMENT_LENGTH = "evaluate.segmentLength";
    private final Param<String> inputCol = ColumnParams.inputCol(this, SequenceLanguageModeler.TEXT);
    private final Param<String> logLikelihoodCol = ColumnParams.logLikelihoodCol(this);
    private final Param<String> perplexityCol = ColumnParams.perplexityCol(this);

    /** A model of the SeqPipe model directory {@code directory}. */
    public SequenceLanguageModel(String uid, String directory) {
        super(uid, SequenceLanguageModeler.TASK, directory, SEGMENT_LENGTH::equals);
        setDefault(inputCol, "text");
        setDefault(logLikelihoodCol, "logLikelihood");
        setDefault(perplexityCol, "perplexity");
    }

    /** A model of the SeqPipe model directory {@code directory}, with a fresh uid. */
    public SequenceLanguageModel(String directory) {
        this(Identifiable$.MODULE$.randomUID("seqLmModel"), directory);
    }

    public static MLReader<SequenceLanguageModel> read() {
        return new Reader<>(SequenceLanguageModel.class, SequenceLanguageModel::new);
    }

    public static SequenceLanguageModel load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(inputCol, logLikelihoodCol, perplexityCol);
    }

    @Override
    protected SequenceLanguageModel newModel(String modelUid, String modelDirectory) {
        return new SequenceLanguageModel(modelUid, modelDirectory);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "string",
                t -> t.equals(DataTypes.StringType));
        return SequenceLanguageModeler.outputSchema(stage, schema, getLogLikelihoodCol(), getPerplexityCol());
    }

    @Override
    protected Dataset<Row> transformRows(Dataset<Row> rows, StructType out) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        int text = rows.schema().fieldIndex(getInputCol());
        return rows.sparkSession().createDataFrame(ScoreLmLikelihood.documentLikelihoods(sc, directory(),
                rows.toJavaRDD(), (Row r) -> r.isNullAt(text) ? null : r.getString(text),
                (Integer) getConfig(SEGMENT_LENGTH)).map(p -> p.output() == null ? appended(p.input(), null, null)
                : appended(p.input(), p.output().logLikelihood(), p.output().perplexity())), out);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceLanguageModel setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> logLikelihoodCol() {
        return logLikelihoodCol;
    }

    public String getLogLikelihoodCol() {
        return getOrDefault(logLikelihoodCol);
    }

    public SequenceLanguageModel setLogLikelihoodCol(String value) {
        set(logLikelihoodCol, value);
        return this;
    }

    public Param<String> perplexityCol() {
        return perplexityCol;
    }

    public String getPerplexityCol() {
        return getOrDefault(perplexityCol);
    }

    public SequenceLanguageModel setPerplexityCol(String value) {
        set(perplexityCol, value);
        return this;
    }
}
