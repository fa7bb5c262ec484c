package io.seqpipe.ml;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.StepConfig;
import io.seqpipe.tasks.StepTask;
import io.seqpipe.tasks.Tasks;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What every SeqPipe estimator shares: the task's config keys as Params ({@link ConfigParams}: {@code model.hidden}
 * is the Param {@code model_hidden}, set with {@link #setConfig}), the work directory, and {@link #fit}, which
 * builds the task's config from the Params as the CLI builds it from {@code --set} overrides (the task's defaults
 * under the set Params, validated into the task's config record by {@link Tasks#create}), then runs the task's
 * {@code prepare} over the DataFrame's rows and its parameter-averaging {@code train} into a model directory under
 * {@link #getWorkDir()}, and wraps that directory in the task's model.
 *
 * <p>A task's estimator names its task and says what differs ({@link #prepare}, {@link #train}, {@link #newModel}, the input
 * columns in {@link #transformSchema}). Keys that do not shape training are not Params: {@code paths.*},
 * {@code input.*} (the DataFrame's columns replace the input files), {@code score.*} but {@code score.batchSize}
 * (which the model's {@code transform} uses), {@code evaluate.*} but the validation batch size and the NaN guard,
 * {@code spark.*}, {@code registry.*}, {@code retrain.*} and {@code train.checkpoint.*}.
 *
 * @param <C> the task's config record
 * @param <M> the model {@link #fit} returns
 */
public abstract class SeqPipeEstimator<C extends StepConfig, M extends SeqPipeModel<M>> extends Estimator<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SeqPipeEstimator.class);
    private static final List<String> NOT_PARAMS = List.of("task", "paths.", "spark.", "registry.", "retrain.",
            "input.", "score.", "evaluate.", "train.checkpoint.");
    private static final List<String> ALSO_PARAMS = List.of("evaluate.batchSize", "evaluate.allowNanMetrics",
            "score.batchSize");

    private final String uid;
    private final String task;
    private final ConfigParams config;
    private final Param<String> workDir;

    /**
     * @param uid  the stage's uid
     * @param task the task whose keys are its Params, e.g. {@code sentiment}
     */
    protected SeqPipeEstimator(String uid, String task) {
        this(uid, task, Set.of());
    }

    /**
     * @param uid        the stage's uid
     * @param task       the task whose keys are its Params, e.g. {@code forecast}
     * @param columnKeys the task's keys that say how to read its input files and that the estimator's column Params
     *                   replace ({@link #inputOverrides}), e.g. {@code series.valueColumns}: not Params themselves
     */
    protected SeqPipeEstimator(String uid, String task, Set<String> columnKeys) {
        this.uid = uid;
        this.task = task;
        this.config = new ConfigParams(this, task, key -> isParam(key) && !columnKeys.contains(key));
        this.workDir = new Param<>(this, "workDir", "the folder each fit writes its prepared data and model "
                + "directory into (a fresh sub-folder per fit), on a filesystem every executor reads: HDFS on a "
                + "cluster; relative paths resolve against the default filesystem's working directory");
        config.defaults().forEach((p, v) -> setDefault(uncheckedParam(p), v));
        setDefault(workDir, "seqpipe-work/ml");
    }

    /** Whether a config key of the task is a Param of its estimator (see the class comment). */
    static boolean isParam(String key) {
        if (ALSO_PARAMS.contains(key)) {
            return true;
        }
        return NOT_PARAMS.stream().noneMatch(p -> p.endsWith(".") ? key.startsWith(p) : key.equals(p));
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The task the estimator trains, as in {@code task = ...}. */
    public String task() {
        return task;
    }

    /** The column Params of the task's estimator (input, label and output columns). */
    protected abstract List<Param<?>> columnParams();

    @Override
    public Param<?>[] params() {
        List<Param<?>> all = new ArrayList<>(columnParams());
        all.add(workDir);
        all.addAll(config.params());
        return all.toArray(new Param<?>[0]);
    }

    /**
     * The Param of a config key, e.g. {@code configParam("model.hidden")} for a {@code ParamGridBuilder}; a key
     * that is not a Param fails naming the ones that are.
     */
    public Param<?> configParam(String key) {
        return config.param(key);
    }

    /**
     * Sets the config key {@code key} ({@code model.hidden} → Param {@code model_hidden}); a bad value fails with the
     * CLI's message for the key ({@code model.hidden must be >= 1, got 0}).
     */
    @SuppressWarnings("unchecked")
    public SeqPipeEstimator<C, M> setConfig(String key, Object value) {
        set((Param<Object>) config.param(key), value);
        return this;
    }

    /** The value of the config key {@code key}: set, or the task's default. */
    public Object getConfig(String key) {
        return getOrDefault(config.param(key));
    }

    public Param<String> workDir() {
        return workDir;
    }

    public String getWorkDir() {
        return getOrDefault(workDir);
    }

    public SeqPipeEstimator<C, M> setWorkDir(String value) {
        set(workDir, value);
        return this;
    }

    /**
     * The task's resolved config for a fit into {@code work}: the task's defaults under the set Params, with
     * {@code paths.work} = {@code work} and the input key naming the rows ({@code input}, {@link #inputOverrides}).
     * Validated as the CLI validates, so a bad combination fails here, before any Spark work, with the CLI's message.
     */
    @SuppressWarnings("unchecked")
    C resolve(String work, String input) {
        List<String> overrides = new ArrayList<>(List.of("task=" + task, "paths.work=" + ConfigUtil.quoteString(work)));
        overrides.addAll(inputOverrides(input));
        overrides.addAll(config.overrides(this));
        Config resolved = Tasks.resolve(null, overrides);
        return ((StepTask<C>) Tasks.create(resolved)).config();
    }

    /**
     * Prepares the rows of {@code dataset} and trains on them, as {@code seqpipe prepare} and {@code seqpipe train}
     * do, into a fresh folder under {@link #getWorkDir()}; returns the task's model of the directory trained.
     */
    @Override
    public M fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String work = new Path(getWorkDir(), uid + "-" + UUID.randomUUID().toString().substring(0, 8)).toString();
        C cfg = resolve(work, describeInput());
        SparkSession spark = dataset.sparkSession();
        LOG.info("{}: fitting task {} into {}", uid, task, work);
        log(prepare(spark, cfg, dataset.toDF()));
        log(train(spark, cfg));
        M model = newModel(uid, cfg.paths().model()); // a model shares its estimator's uid, as Spark's do
        copyValues(model, new ParamMap());
        model.setParent(this);
        return model;
    }

    private void log(JobReport report) {
        report.lines().forEach(line -> LOG.info("{}: {}", uid, line));
    }

    /**
     * The {@code key=value} overrides that name the rows as the task's input: {@code paths.train} = {@code input};
     * a task reading another key, or whose column Params stand for config keys, says so here.
     */
    protected List<String> inputOverrides(String input) {
        return List.of("paths.train=" + ConfigUtil.quoteString(input));
    }

    /** How the input key names the rows in the prepared data's summary, e.g. {@code dataframe(text, label)}. */
    protected abstract String describeInput();

    /**
     * Runs the task's prepare over {@code rows} (given to it as its {@code InputSource}) into
     * {@code paths.prepared}; returns its report.
     */
    protected abstract JobReport prepare(SparkSession spark, C cfg, Dataset<Row> rows);

    /** Runs the task's train on {@code paths.prepared} into {@code paths.model}; returns its report. */
    protected abstract JobReport train(SparkSession spark, C cfg);

    /** The task's model of the model directory at {@code directory}. */
    protected abstract M newModel(String modelUid, String directory);

    @Override
    public abstract StructType transformSchema(StructType schema);

    @Override
    public SeqPipeEstimator<C, M> copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @SuppressWarnings("unchecked")
    private static <T> Param<T> uncheckedParam(Param<?> p) {
        return (Param<T>) p;
    }
}
