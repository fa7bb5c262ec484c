package io.seqpipe.train;

import io.seqpipe.bench.BucketingBenchmark;
import io.seqpipe.io.Json;
import io.seqpipe.tasks.tagging.TaggedExample;
import io.seqpipe.tasks.tagging.TaggingBatches;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Padding efficiency of the trainer's batching on real corpora, without training: CoNLL-2003 eng.train and SST-2
 * train (all sentences, and the 3000-sentence samples {@link BucketingBenchmark} trains on), batch 32, averaging every
 * 5, 2 workers ({@code local[2]}), {@code lengthBucketPool} 50 ({@code bench.pool}) against 1 (off). The minibatches
 * are formed, placed and counted by the trainer's own code ({@link ParameterAveragingTrainer#bucketedEpoch} /
 * {@link BucketedEpoch} with pool 1 and its {@code PaddingCounter}); only the DataSet conversion is left
 * out (it does not change which examples share a minibatch). Writes {@code target/bench/bucketing-dry.json}; start it
 * with {@code scripts/bench-bucketing-dry.sh}.
 */
@Tag("benchmark")
class BucketingDryRunBenchmark {
    static final int BATCH = 32;
    static final int FREQUENCY = 5;
    static final long SEED = 42;

    @Test
    void measure() throws Exception {
        int pool = Integer.getInteger("bench.pool", 50);
        int epochs = Integer.getInteger("bench.epochs", 3);
        SparkSession spark = TestSpark.start("bench-bucketing-dry");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int workers = sc.defaultParallelism();

        List<TaggedExample> conll = BucketingBenchmark.conll(Fixtures.sharedDataset("conll2003-en/eng.train"));
        List<EncodedExample> sst = BucketingBenchmark.sst2(Fixtures.sharedDataset("sst2-glue/train.tsv"));
        MinibatchFormat<TaggedExample> conllFormat = TaggingBatches.format(9, 0);
        MinibatchFormat<EncodedExample> sstFormat = BatchAssembler.classificationFormat(2);

        Map<String, Object> corpora = new LinkedHashMap<>();
        corpora.put("conll2003-eng.train", measure(sc, conll, conllFormat, workers, pool, epochs));
        corpora.put("conll2003-eng.train, 3000 sampled", measure(sc,
                BucketingBenchmark.sample(conll, 3000, conllFormat::length), conllFormat, workers, pool, epochs));
        corpora.put("sst2-train", measure(sc, sst, sstFormat, workers, pool, epochs));
        corpora.put("sst2-train, 3000 sampled", measure(sc, BucketingBenchmark.sample(sst, 3000, sstFormat::length),
                sstFormat, workers, pool, epochs));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("setup", Map.of("master", sc.master(), "workers", workers, "batchSize", BATCH,
                "averagingFrequency", FREQUENCY, "lengthBucketPool", pool, "seed", SEED, "epochs", epochs,
                "note", "dry batching: minibatches formed and counted by the trainer's code, no training"));
        result.put("corpora", corpora);
        Path out = Path.of("target/bench/bucketing-dry.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(result) + "\n");
        System.out.println(Json.write(result));
        spark.stop();
    }

    static <E> Map<String, Object> measure(JavaSparkContext sc, List<E> data, MinibatchFormat<E> format, int workers,
                                           int pool, int epochs) {
        JavaRDD<E> rdd = sc.parallelize(data, workers).cache();
        long n = rdd.count();
        long real = data.stream().mapToLong(format::length).sum();
        ParameterAveragingTrainer bucketed = trainer(sc, pool);
        ParameterAveragingTrainer plain = trainer(sc, 1);
        int rounds = bucketed.roundsPerEpoch(n, workers);
        ParameterAveragingTrainer.BatchBuilder<E, Integer> size = (examples, seed) -> examples.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("examples", n);
        out.put("realSteps", real);
        out.put("roundsPerEpoch", rounds);
        Map<String, Double> withBucketing = new LinkedHashMap<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            ParameterAveragingTrainer.PaddingCounter padding = counter(sc);
            BucketedEpoch<E> epochBatches = bucketed.bucketedEpoch(rdd, n, format, epoch, rounds, workers);
            long minibatches = 0;
            try {
                for (int round = 0; round < rounds; round++) {
                    minibatches += epochBatches.round(round, size, padding).count();
                }
            } finally {
                epochBatches.release();
            }
            assertEquals((n + BATCH - 1) / BATCH, minibatches);
            assertEquals(real, padding.realSteps().value());
            withBucketing.put("epoch " + epoch, padding.efficiency());
        }
        out.put("bucketed (pool " + pool + ")", withBucketing);
        ParameterAveragingTrainer.PaddingCounter padding = counter(sc);
        BucketedEpoch<E> plainEpoch = plain.bucketedEpoch(rdd, n, format, 1, rounds, workers);
        for (int round = 0; round < rounds; round++) {
            plainEpoch.round(round, size, padding).count();
        }
        plainEpoch.release();
        assertEquals(real, padding.realSteps().value());
        out.put("unbucketed, epoch 1", padding.efficiency());
        rdd.unpersist();
        assertTrue(withBucketing.values().stream().allMatch(e -> e > padding.efficiency()));
        return out;
    }

    static ParameterAveragingTrainer trainer(JavaSparkContext sc, int pool) {
        return new ParameterAveragingTrainer(sc, new TrainSettings(1, BATCH, FREQUENCY, 0, SEED,
                EarlyStopping.patience(0), 1, pool), List.of());
    }

    static ParameterAveragingTrainer.PaddingCounter counter(JavaSparkContext sc) {
        return new ParameterAveragingTrainer.PaddingCounter(sc.sc().longAccumulator(), sc.sc().longAccumulator());
    }
}
