package io.seqpipe.tasks.embed;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.AtomicOutput;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.Json;
import io.seqpipe.spark.SingleFileExport;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.PretrainedEmbeddings;
import io.seqpipe.text.WordTokenizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code seqpipe embed}: reads {@code embed.input} (one sentence per line), tokenizes each line
 * ({@code embed.tokenizer.*}), fits Spark MLlib's distributed {@link Word2Vec} and writes to {@code embed.output},
 * atomically ({@link AtomicOutput}: a hidden temporary directory renamed on success; the CLI holds the output's lock,
 * so there is one writer):
 * <pre>
 *   vectors.txt            word2vec text: "&lt;words&gt; &lt;dimension&gt;", then "word v1 ... vd" per word, most frequent first
 *                          (ties by word), written by the executors and concatenated in order
 *   summary.json           sentences, tokens, words, dimension, seconds
 *   config.resolved.conf   the config it ran with
 * </pre>
 * The vocabulary and the vectors are never collected to the driver by this job (MLlib's Word2Vec itself keeps the
 * vocabulary and the vectors on the driver while it trains, as its algorithm needs).
 */
public final class TrainEmbeddings {
    private static final Logger LOG = LoggerFactory.getLogger(TrainEmbeddings.class);
    /** The vectors' file name inside {@code embed.output}, where {@code model.embeddings.path} looks for it. */
    public static final String VECTORS = PretrainedEmbeddings.VECTORS;

    /** What embed wrote. */
    public record Report(String output, long sentences, long tokens, long words, int dimension, int minCount,
                         double seconds) implements JobReport {
        @Override
        public List<String> lines() {
            return List.of("embed: wrote " + output,
                    String.format("  %d sentences, %d tokens; %d words with a vector (seen >= embed.minCount = %d"
                            + " times), dimension %d", sentences, tokens, words, minCount, dimension),
                    "  " + VECTORS + ": word2vec text; the taggers and the sentiment classifier read it with"
                            + " model.embeddings.path = " + output + String.format(" (%.1f s)", seconds));
        }
    }

    private TrainEmbeddings() {
    }

    public static Report run(SparkSession spark, EmbedConfig cfg, boolean overwrite) {
        long started = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = sc.hadoopConfiguration();
        try (AtomicOutput out = AtomicOutput.begin(cfg.output(), overwrite, hadoop)) {
            List<Path> files = HadoopFiles.inputFiles(cfg.input(), hadoop, "embed.input");
            WordTokenizer tokenizer = new WordTokenizer(cfg.tokenizer());
            JavaRDD<String[]> sentences = sc.textFile(files.stream().map(Path::toString)
                            .collect(Collectors.joining(",")))
                    .map(line -> tokenizer.tokenize(line).toArray(new String[0]))
                    .filter(tokens -> tokens.length > 0)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            JavaPairRDD<String, Long> counts = sentences
                    .flatMapToPair(tokens -> java.util.Arrays.stream(tokens).map(t -> new Tuple2<>(t, 1L)).iterator())
                    .reduceByKey(Long::sum).persist(StorageLevel.MEMORY_AND_DISK());
            long sentenceCount = sentences.count();
            long tokenCount = counts.values().fold(0L, Long::sum);
            int minCount = cfg.minCount();
            long kept = counts.filter(c -> c._2() >= minCount).count();
            if (kept == 0) {
                throw new SeqPipeException("embed.input " + cfg.input() + ": no word occurs embed.minCount = "
                        + minCount + " times in its " + sentenceCount + " sentences (" + tokenCount + " tokens);"
                        + " lower embed.minCount or give a larger corpus");
            }
            StructType schema = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.StringType), false);
            Dataset<Row> frame = spark.createDataFrame(sentences.map(t -> RowFactory.create((Object) t)), schema);
            Word2VecModel model = new Word2Vec().setInputCol("tokens").setVectorSize(cfg.vectorSize())
                    .setMinCount(minCount).setWindowSize(cfg.windowSize()).setMaxIter(cfg.maxIter())
                    .setStepSize(cfg.stepSize()).setNumPartitions(cfg.numPartitions())
                    .setMaxSentenceLength(cfg.maxSentenceLength()).setSeed(cfg.seed()).fit(frame);
            Dataset<Row> frequencies = spark.createDataFrame(counts.map(c -> RowFactory.create(c._1(), c._2())),
                    new StructType().add("word", DataTypes.StringType, false).add("count", DataTypes.LongType,
                            false));
            Dataset<String> lines = model.getVectors().join(frequencies, "word")
                    .orderBy(functions.col("count").desc(), functions.col("word").asc())
                    .map((MapFunction<Row, String>) TrainEmbeddings::line, Encoders.STRING());
            long words = model.getVectors().count();
            SingleFileExport.textLines(lines, new Path(out.path(), VECTORS), words + " " + cfg.vectorSize() + "\n",
                    hadoop);
            sentences.unpersist(false);
            counts.unpersist(false);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("input", cfg.input());
            summary.put("sentences", sentenceCount);
            summary.put("tokens", tokenCount);
            summary.put("words", words);
            summary.put("dimension", cfg.vectorSize());
            summary.put("format", "word2vec-text");
            summary.put("seconds", seconds);
            Json.write(summary, new Path(out.path(), "summary.json"), hadoop);
            out.writeResolvedConfig(cfg.resolved());
            Path target = out.commit();
            LOG.info("embed: {} word vectors of dimension {} from {} sentences written to {}", words,
                    cfg.vectorSize(), sentenceCount, target);
            return new Report(target.toString(), sentenceCount, tokenCount, words, cfg.vectorSize(), minCount,
                    seconds);
        }
    }

    /** One word2vec text line: the word, then its values as the shortest decimal of each 32-bit float. */
    static String line(Row row) {
        Vector v = row.getAs("vector");
        StringBuilder b = new StringBuilder(row.<String>getAs("word"));
        for (int i = 0; i < v.size(); i++) {
            b.append(' ').append(Float.toString((float) v.apply(i)));
        }
        return b.toString();
    }
}
