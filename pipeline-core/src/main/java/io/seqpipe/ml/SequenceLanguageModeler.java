package io.seqpipe.ml;

import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.lm.DocumentParser;
import io.seqpipe.tasks.lm.LmCorpus;
import io.seqpipe.tasks.lm.LmTaskConfig;
import io.seqpipe.tasks.lm.PrepareLmData;
import io.seqpipe.tasks.lm.TrainLm;
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
 * The language model ({@code task = lm}: predict each unit of a text from the units before it) as a Spark ML
 * estimator. {@code fit} prepares the texts of {@code inputCol} (strings, one document per row, in row order) as
 * {@code seqpipe prepare} prepares a corpus's documents (a null, blank or unit-less text is rejected and counted; the
 * units are placed in one stream with {@code lm.boundary} between documents, split by {@code split.*} and cut into
 * sequences of {@code lm.sequenceLength}), trains with parameter averaging as {@code seqpipe train} does, and returns
 * a {@link SequenceLanguageModel}. Every config key of the lm task that shapes training is a Param
 * ({@code lm.unit} → {@code lm_unit}; {@link #setConfig}); {@code split.by = files} needs held-out files and is
 * refused. See {@link SeqPipeEstimator}.
 */
public final class SequenceLanguageModeler extends SeqPipeEstimator<LmTaskConfig, SequenceLanguageModel> {
    private static final long serialVersionUID = 1L;
    static final String TASK = "lm";
    static final String TEXT = "the text, one document per row (string)";
    private final Param<String> inputCol = ColumnParams.inputCol(this, TEXT);
    private final Param<String> logLikelihoodCol = ColumnParams.logLikelihoodCol(this);
    private final Param<String> perplexityCol = ColumnParams.perplexityCol(this);

    public SequenceLanguageModeler(String uid) {
        super(uid, TASK);
        setDefault(inputCol, "text");
        setDefault(logLikelihoodCol, "logLikelihood");
        setDefault(perplexityCol, "perplexity");
    }

    public SequenceLanguageModeler() {
        this(Identifiable$.MODULE$.randomUID("seqLm"));
    }

    public static MLReader<SequenceLanguageModeler> read() {
        return new DefaultParamsReader<>();
    }

    public static SequenceLanguageModeler load(String path) {
        return read().load(path);
    }

    @Override
    protected List<Param<?>> columnParams() {
        return List.of(inputCol, logLikelihoodCol, perplexityCol);
    }

    @Override
    protected String describeInput() {
        return "dataframe(" + getInputCol() + ")";
    }

    @Override
    protected JobReport prepare(SparkSession spark, LmTaskConfig cfg, Dataset<Row> rows) {
        String text = getInputCol();
        DocumentParser parser = new DocumentParser(cfg.data().charset(), cfg.data().unitTokenizer());
        return PrepareLmData.run(spark, cfg, false, (path, key) -> LmCorpus.readRows(rows, text, parser, path));
    }

    @Override
    protected JobReport train(SparkSession spark, LmTaskConfig cfg) {
        return TrainLm.run(spark, cfg, false, false, List.of());
    }

    @Override
    protected SequenceLanguageModel newModel(String modelUid, String directory) {
        return new SequenceLanguageModel(modelUid, directory);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName() + " " + uid();
        StageColumns.requireInput(stage, schema, "inputCol", getInputCol(), "string",
                t -> t.equals(DataTypes.StringType));
        return outputSchema(stage, schema, getLogLikelihoodCol(), getPerplexityCol());
    }

    /** {@code schema} with the log-likelihood and perplexity columns, which must not be there yet. */
    static StructType outputSchema(String stage, StructType schema, String logLikelihood, String perplexity) {
        StageColumns.requireAbsent(stage, schema, "logLikelihoodCol", logLikelihood);
        StageColumns.requireAbsent(stage, schema, "perplexityCol", perplexity);
        return schema.add(logLikelihood, DataTypes.DoubleType, true).add(perplexity, DataTypes.DoubleType, true);
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public SequenceLanguageModeler setInputCol(String value) {
        set(inputCol, value);
        return this;
    }

    public Param<String> logLikelihoodCol() {
        return logLikelihoodCol;
    }

    public String getLogLikelihoodCol() {
        return getOrDefault(logLikelihoodCol);
    }

    public SequenceLanguageModeler setLogLikelihoodCol(String value) {
        set(logLikelihoodCol, value);
        return this;
    }

    public Param<String> perplexityCol() {
        return perplexityCol;
    }

    public String getPerplexityCol() {
        return getOrDefault(perplexityCol);
    }

    public SequenceLanguageModeler setPerplexityCol(String value) {
        set(perplexityCol, value);
        return this;
    }

    @Override
    public SequenceLanguageModeler setConfig(String key, Object value) {
        super.setConfig(key, value);
        return this;
    }

    @Override
    public SequenceLanguageModeler setWorkDir(String value) {
        super.setWorkDir(value);
        return this;
    }
}
