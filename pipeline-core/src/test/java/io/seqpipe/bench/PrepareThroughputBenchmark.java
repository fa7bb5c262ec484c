package io.seqpipe.bench;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.io.Json;
import io.seqpipe.tasks.classification.ClassificationTaskConfig;
import io.seqpipe.tasks.classification.PrepareClassificationData;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Prepare throughput: SeqPipe's {@code prepare} (sentiment: parse and validate every TSV row, tokenize, count the
 * vocabulary, encode, write the sequence DataFrame and rejects atomically) against the ceiling of a plain Spark
 * read → write of the same file (text → Parquet), alternating in one {@code local[2]} session, on a generated corpus of
 * {@code bench.sentences} (default 1,000,000) sentences (seeded; a Zipf-like 20,000-word vocabulary, 5-40 words, one
 * malformed row per 10,000). Writes {@code target/bench/prepare.json}; start it with {@code scripts/bench-prepare.sh}.
 */
@Tag("benchmark")
class PrepareThroughputBenchmark {

    static Path corpus(Path dir, int sentences) throws Exception {
        Path file = dir.resolve("train.tsv");
        if (Files.exists(file) && Files.readString(dir.resolve("sentences.txt")).trim().equals("" + sentences)) {
            return file;
        }
        Random r = new Random(42);
        String[] words = new String[20_000];
        for (int i = 0; i < words.length; i++) {
            words[i] = Integer.toString(i * 7919 + 13, 36);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("sentence\tlabel\n");
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < sentences; s++) {
                sb.setLength(0);
                int n = 5 + r.nextInt(36);
                for (int t = 0; t < n; t++) {
                    // Zipf-like: small ids far more frequent
                    int id = (int) Math.floor(Math.pow(words.length, r.nextDouble())) - 1;
                    sb.append(t == 0 ? "" : " ").append(words[id]);
                }
                if (s % 10_000 == 9_999) {
                    w.write(sb + "\n"); // no label column: a reject
                } else {
                    w.write(sb + "\t" + r.nextInt(2) + "\n");
                }
            }
        }
        Files.writeString(dir.resolve("sentences.txt"), "" + sentences);
        return file;
    }

    @Test
    void prepareVersusPlainReadWrite() throws Exception {
        int sentences = Integer.getInteger("bench.sentences", 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", 2);
        Path dir = Files.createDirectories(Path.of("target/bench/prepare-corpus"));
        Path file = corpus(dir, sentences);
        long bytes = Files.size(file);
        SparkSession spark = TestSpark.start("bench-prepare");
        List<Map<String, Object>> runs = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                Path out = Files.createTempDirectory(dir, "out");
                long t0 = System.nanoTime();
                long rows = spark.read().text(file.toString()).count();
                spark.read().text(file.toString()).write().mode(SaveMode.ErrorIfExists)
                        .parquet(out.resolve("plain").toString());
                double plain = (System.nanoTime() - t0) / 1e9;

                ClassificationTaskConfig cfg = ClassificationTaskConfig.from(ConfigLayering.resolve(
                        ConfigFactory.parseResources("io/seqpipe/tasks/sentiment.defaults.conf"), null,
                        List.of("paths.train=" + file, "paths.work=" + out.resolve("seqpipe"),
                                "vocabulary.maxSize=30000")));
                long t1 = System.nanoTime();
                PrepareClassificationData.Summary s = PrepareClassificationData.run(spark, cfg, false);
                double seqpipe = (System.nanoTime() - t1) / 1e9;
                assertEquals(sentences / 10_000, s.splits().get("train").rejected());

                Map<String, Object> run = new LinkedHashMap<>();
                run.put("round", round);
                run.put("plainReadWriteSeconds", plain);
                run.put("seqpipePrepareSeconds", seqpipe);
                run.put("plainRowsPerSecond", rows / plain);
                run.put("seqpipeRowsPerSecond", sentences / seqpipe);
                run.put("plainMBPerSecond", bytes / 1e6 / plain);
                run.put("seqpipeMBPerSecond", bytes / 1e6 / seqpipe);
                run.put("seqpipeOverPlain", plain / seqpipe);
                runs.add(run);
                System.out.println("bench-prepare " + run);
                org.apache.commons.io.FileUtils.deleteDirectory(out.toFile());
            }
        } finally {
            spark.stop();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "prepare throughput: SeqPipe sentiment prepare vs plain Spark text read -> Parquet"
                + " write, local[2], same file, alternating");
        result.put("sentences", sentences);
        result.put("bytes", bytes);
        result.put("runs", runs);
        Files.writeString(Path.of("target/bench/prepare.json"), Json.write(result));
    }
}
