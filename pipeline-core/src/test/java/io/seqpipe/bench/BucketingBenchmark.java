package io.seqpipe.bench;

import io.seqpipe.io.Json;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EarlyStopping;
import io.seqpipe.train.EncodedExample;
import io.seqpipe.train.MinibatchFormat;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.TrainSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Padding efficiency (real tokens / computed steps) and time per epoch of SeqPipe's trainer in {@code local[2]} with
 * and without length bucketing, alternating in one JVM, on real corpora: CoNLL-2003 eng.train (BiLSTM tagger) and
 * SST-2 train (BiLSTM max-pool classifier), both the reference shape (embedding 64, hidden 128 per direction, batch
 * 32, averaging every 5 minibatches). Each corpus is subsampled to {@code bench.sentences} sentences (seeded random
 * sample) to keep the run to a few minutes; word ids are hashed into 5000 buckets (timing does not depend on which
 * id a word gets). Writes {@code target/bench/bucketing.json}; start it with {@code scripts/bench-bucketing.sh}.
 */
@Tag("benchmark")
public class BucketingBenchmark {
    static final int VOCAB = 5000;

    static int id(String word) {
        return 2 + Math.floorMod(word.hashCode(), VOCAB - 2);
    }

    /** CoNLL-2003 sentences (blank-line separated, {@code -DOCSTART-} skipped), words hashed, tags in first-seen order. */
    public static List<TaggedExample> conll(Path file) throws Exception {
        List<TaggedExample> out = new ArrayList<>();
        Map<String, Integer> tagIds = new LinkedHashMap<>();
        List<String[]> sentence = new ArrayList<>();
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.add("");
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("-DOCSTART-")) {
                if (!sentence.isEmpty()) {
                    int[] ids = new int[sentence.size()];
                    int[] tags = new int[sentence.size()];
                    for (int t = 0; t < ids.length; t++) {
                        String[] cols = sentence.get(t);
                        ids[t] = id(cols[0]);
                        tags[t] = tagIds.computeIfAbsent(cols[cols.length - 1], k -> tagIds.size());
                    }
                    out.add(new TaggedExample(out.size(), new int[][]{ids}, tags));
                    sentence.clear();
                }
                continue;
            }
            sentence.add(line.trim().split(" "));
        }
        return out;
    }

    /** SST-2 {@code sentence<TAB>label} rows after the header, tokens split on whitespace, words hashed. */
    public static List<EncodedExample> sst2(Path file) throws Exception {
        List<EncodedExample> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            int tab = line.lastIndexOf('\t');
            String[] words = line.substring(0, tab).trim().split("\\s+");
            int[] ids = new int[words.length];
            int[] mask = new int[words.length];
            for (int t = 0; t < ids.length; t++) {
                ids[t] = id(words[t]);
                mask[t] = 1;
            }
            out.add(new EncodedExample(out.size(), ids, mask, Integer.parseInt(line.substring(tab + 1).trim())));
        }
        return out;
    }

    /** The first {@code n} of a {@code Random(1)} shuffle of the non-empty examples. */
    public static <E> List<E> sample(List<E> all, int n, ToIntFunction<E> length) {
        List<E> copy = new ArrayList<>(all);
        copy.removeIf(e -> length.applyAsInt(e) == 0);
        Collections.shuffle(copy, new Random(1));
        return copy.subList(0, Math.min(n, copy.size()));
    }

    static final ModelSpec SPEC = new ModelSpec(ModelSpec.Cell.LSTM, 1, 128, true, 64, 0.0, ModelSpec.Pooling.MAX);
    static final OptimizerSpec OPT = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 2e-3, 0, 5.0, 7);

    @Test
    void measure() throws Exception {
        int sentences = Integer.getInteger("bench.sentences", 3000);
        int rounds = Integer.getInteger("bench.rounds", 2);
        int pool = Integer.getInteger("bench.pool", 50);
        SparkSession spark = TestSpark.start("bench-bucketing");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());

        List<TaggedExample> conllAll = conll(Fixtures.sharedDataset("conll2003-en/eng.train"));
        List<TaggedExample> conll = sample(conllAll, sentences, TaggedExample::length);
        int conllTags = conllAll.stream().flatMapToInt(e -> java.util.Arrays.stream(e.tags())).max().orElse(0) + 1;
        List<EncodedExample> sstAll = sst2(Fixtures.sharedDataset("sst2-glue/train.tsv"));
        MinibatchFormat<EncodedExample> sstFormat = BatchAssembler.classificationFormat(2);
        List<EncodedExample> sst = sample(sstAll, sentences, sstFormat::length);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("setup", Map.of("master", "local[2]", "sentencesPerCorpus", sentences, "sample",
                "seeded random sample (java.util.Random(1) shuffle) of the non-empty sentences", "rounds", rounds,
                "model", "BiLSTM emb 64 hidden 128/direction, batch 32, averagingFrequency 5, Adam",
                "bucketedPool", pool, "ompNumThreads", String.valueOf(System.getenv("OMP_NUM_THREADS"))));
        Map<String, Object> corpora = new LinkedHashMap<>();
        corpora.put("conll2003-eng.train", run(sc, conll, conllAll.size(), TaggingBatches.format(conllTags, 0),
                NetworkFactory.tokenTagger(SPEC, OPT, List.of(new TokenChannel("word", VOCAB, 64)), conllTags),
                TaggedExample::length, rounds, pool));
        corpora.put("sst2-train", run(sc, sst, sstAll.size(), sstFormat,
                NetworkFactory.sequenceClassifier(SPEC, OPT, VOCAB, 2), sstFormat::length, rounds, pool));
        result.put("corpora", corpora);
        Path out = Path.of("target/bench/bucketing.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        spark.stop();
        assertTrue(!corpora.isEmpty());
    }

    static <E> Map<String, Object> run(JavaSparkContext sc, List<E> data, int corpusSize, MinibatchFormat<E> format,
                                       ComputationGraphConfiguration conf, ToIntFunction<E> length, int rounds,
                                       int pool) {
        JavaRDD<E> rdd = sc.parallelize(data, 2).cache();
        rdd.count();
        long realTokens = data.stream().mapToLong(length::applyAsInt).sum();
        int longest = data.stream().mapToInt(length).max().orElse(0);
        Map<String, ParameterAveragingTrainer> trainers = new LinkedHashMap<>();
        trainers.put("unbucketed", trainer(sc, 1));
        trainers.put("bucketed", trainer(sc, pool));
        // warm-up (JIT, native libs): a tenth of the data each
        JavaRDD<E> warm = sc.parallelize(data.subList(0, data.size() / 10), 2);
        trainers.values().forEach(t -> t.fit(conf, warm, data.size() / 10, format, null));
        Map<String, List<Double>> epochSeconds = new LinkedHashMap<>();
        Map<String, Double> efficiency = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, ParameterAveragingTrainer> e : trainers.entrySet()) {
                ParameterAveragingTrainer.Result res = e.getValue().fit(conf, rdd, data.size(), format, null);
                epochSeconds.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(res.epochs().get(0).seconds());
                efficiency.put(e.getKey(), res.paddingEfficiency());
            }
        }
        rdd.unpersist();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("corpusSentences", corpusSize);
        out.put("sampledSentences", data.size());
        out.put("realTokens", realTokens);
        out.put("meanLength", realTokens / (double) data.size());
        out.put("longest", longest);
        Map<String, Object> contenders = new LinkedHashMap<>();
        for (String k : trainers.keySet()) {
            double s = TrainThroughputBenchmark.median(epochSeconds.get(k));
            contenders.put(k, Map.of("paddingEfficiency", efficiency.get(k), "epochSecondsRuns", epochSeconds.get(k),
                    "epochSecondsMedian", s, "sequencesPerSec", data.size() / s, "realTokensPerSec", realTokens / s));
        }
        out.put("contenders", contenders);
        out.put("efficiencyByPoolExamples (no training: lengths only)", poolSweep(data, length));
        out.put("unbucketed/bucketed epoch time", TrainThroughputBenchmark.median(epochSeconds.get("unbucketed"))
                / TrainThroughputBenchmark.median(epochSeconds.get("bucketed")));
        return out;
    }

    /**
     * Padding efficiency of sorting pools of {@code p} examples (in shuffled order) by length before cutting batches of
     * 32, from the lengths alone (the trainer's epoch-level bucketing uses pools of lengthBucketPool × batchSize
     * examples; {@code io.seqpipe.train.BucketingDryRunBenchmark} measures it through the trainer's own code).
     */
    static <E> Map<String, Double> poolSweep(List<E> data, ToIntFunction<E> length) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<Integer> lengths = new ArrayList<>();
        data.forEach(e -> lengths.add(length.applyAsInt(e)));
        Collections.shuffle(lengths, new Random(2));
        for (int p : new int[]{32, 160, 320, 800, 1600, 3200}) {
            long real = 0;
            long computed = 0;
            for (int i = 0; i < lengths.size(); i += p) {
                List<Integer> pool = new ArrayList<>(lengths.subList(i, Math.min(lengths.size(), i + p)));
                Collections.sort(pool);
                for (int b = 0; b < pool.size(); b += 32) {
                    List<Integer> batch = pool.subList(b, Math.min(pool.size(), b + 32));
                    real += batch.stream().mapToLong(Integer::longValue).sum();
                    computed += (long) batch.size() * Collections.max(batch);
                }
            }
            out.put(String.valueOf(p), real / (double) computed);
        }
        return out;
    }

    static ParameterAveragingTrainer trainer(JavaSparkContext sc, int pool) {
        return new ParameterAveragingTrainer(sc, new TrainSettings(1, 32, 5, 2, 7, EarlyStopping.patience(0), 1, pool),
                List.of());
    }
}
