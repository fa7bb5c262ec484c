package io.seqpipe.ml;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * What every SeqPipe model shares: the SeqPipe model directory it applies (the one its estimator's fit trained, or
 * the one inside the path it was loaded from), the task's inference keys as Params ({@code score_batchSize}, i.e.
 * {@code score.batchSize}: examples per minibatch on an executor, by default; a task's model may name others, such as
 * translation's {@code decode.*}), and saving and loading. A saved model is Spark ML's metadata ({@code metadata/}, as
 * {@code DefaultParamsWriter} writes it: class, uid, Params) and a copy of the model directory in
 * {@value #MODEL_DIRECTORY}{@code /} (weights, vocabularies, labels, config, provenance, checksums), so it loads on
 * its own and inside a saved {@code PipelineModel}.
 *
 * <p>A task's model says how its rows are scored ({@link #transformRows}: the task's model loaded and checked as
 * {@code score} loads it, the network broadcast once, each partition scored in minibatches) and which columns it
 * reads and appends ({@link #transformSchema}).
 *
 * @param <M> the task's model class
 */
public abstract class SeqPipeModel<M extends SeqPipeModel<M>> extends Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The folder of a saved model that holds the SeqPipe model directory. */
    public static final String MODEL_DIRECTORY = "seqpipe-model";

    private final String uid;
    private final String directory;
    private final ConfigParams config;

    /**
     * @param task      the task whose {@code score.batchSize} declaration the model's Param comes from
     * @param directory the SeqPipe model directory
     */
    protected SeqPipeModel(String uid, String task, String directory) {
        this(uid, task, directory, "score.batchSize"::equals);
    }

    /**
     * @param task       the task whose key declarations the model's config Params come from
     * @param directory  the SeqPipe model directory
     * @param configKeys the keys of the task that are the model's Params (those of inference, e.g. {@code decode.*}:
     *                   the estimator's values are copied onto the model it fits)
     */
    protected SeqPipeModel(String uid, String task, String directory, Predicate<String> configKeys) {
        this.uid = uid;
        this.directory = directory;
        this.config = new ConfigParams(this, task, configKeys);
        config.defaults().forEach((p, v) -> setDefault(uncheckedParam(p), v));
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The SeqPipe model directory this model applies. */
    public String directory() {
        return directory;
    }

    /** Examples per minibatch on an executor ({@code score.batchSize}). */
    public IntParam scoreBatchSize() {
        return (IntParam) config.param("score.batchSize");
    }

    public int getScoreBatchSize() {
        return (Integer) getOrDefault(scoreBatchSize());
    }

    @SuppressWarnings("unchecked")
    public M setScoreBatchSize(int value) {
        set(scoreBatchSize(), value);
        return (M) this;
    }

    /** The Param of a config key of the model (e.g. {@code decode.beamSize}); any other key fails naming them. */
    public Param<?> configParam(String key) {
        return config.param(key);
    }

    /** The value of the model's config key {@code key}: set (or copied from its estimator), or the task's default. */
    public Object getConfig(String key) {
        return getOrDefault(config.param(key));
    }

    /** Sets the model's config key {@code key}; a bad value fails with the CLI's message for the key. */
    @SuppressWarnings("unchecked")
    public M setConfig(String key, Object value) {
        set((Param<Object>) config.param(key), value);
        return (M) this;
    }

    @SuppressWarnings("unchecked")
    private static <T> Param<T> uncheckedParam(Param<?> p) {
        return (Param<T>) p;
    }

    /** The column Params of the task's model (its input and output columns). */
    protected abstract List<Param<?>> columnParams();

    @Override
    public Param<?>[] params() {
        List<Param<?>> all = new ArrayList<>(columnParams());
        all.addAll(config.params());
        return all.toArray(new Param<?>[0]);
    }

    /**
     * Checks the input columns ({@link #transformSchema}), then scores the rows ({@link #transformRows}): appends
     * the predictions to each row, or (a forecaster) returns forecast rows.
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        return transformRows(dataset.toDF(), out);
    }

    /**
     * The rows with the task's prediction columns appended (or, for a forecaster, the forecast rows), as {@code out}
     * describes them, scored on the executors with the model directory's network.
     */
    protected abstract Dataset<Row> transformRows(Dataset<Row> rows, StructType out);

    @Override
    public abstract StructType transformSchema(StructType schema);

    /** {@code row} with {@code values} appended: an output row of {@link #transformRows}. */
    protected static Row appended(Row row, Object... values) {
        Object[] all = new Object[row.length() + values.length];
        for (int i = 0; i < row.length(); i++) {
            all[i] = row.get(i);
        }
        System.arraycopy(values, 0, all, row.length(), values.length);
        return RowFactory.create(all);
    }

    /** A model of the same class over {@code modelDirectory}, with no Params set. */
    protected abstract M newModel(String modelUid, String modelDirectory);

    @Override
    public M copy(ParamMap extra) {
        M copy = copyValues(newModel(uid, directory), extra);
        copy.setParent(parent());
        return copy;
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Writes the metadata as {@code DefaultParamsWriter} does, then copies the model directory beside it. */
    static final class Writer extends MLWriter {
        private final SeqPipeModel<?> instance;

        Writer(SeqPipeModel<?> instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
            Configuration hadoop = sc().hadoopConfiguration();
            Path from = new Path(instance.directory());
            Path to = new Path(path, MODEL_DIRECTORY);
            try {
                FileUtil.copy(from.getFileSystem(hadoop), from, to.getFileSystem(hadoop), to, false, hadoop);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the model directory " + from + " to " + to, e);
            }
        }
    }

    /**
     * Reads a saved model: its metadata (class checked, uid and Params restored), over the model directory saved
     * inside it. Each model class's static {@code read()} returns one; {@code PipelineModel.load} calls it.
     */
    static final class Reader<M extends SeqPipeModel<M>> extends MLReader<M> {
        private final Class<M> type;
        private final BiFunction<String, String, M> factory;

        /** @param factory the model of a uid and a model directory */
        Reader(Class<M> type, BiFunction<String, String, M> factory) {
            this.type = type;
            this.factory = factory;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(),
                    type.getName());
            M model = factory.apply(metadata.uid(), new Path(path, MODEL_DIRECTORY).toString());
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
