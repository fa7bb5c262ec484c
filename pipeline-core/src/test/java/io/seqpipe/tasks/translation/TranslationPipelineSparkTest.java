package io.seqpipe.tasks.translation;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.io.Json;
import io.seqpipe.tasks.SplitCounts;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.translation.MisalignedCorpusException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four translation jobs on real local Spark and DL4J, on the synthetic corpus of
 * {@code scripts/make-translation-fixtures.py}: the model must memorize its training pairs, reordering included.
 */
@Tag("spark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranslationPipelineSparkTest {
    static SparkSession spark;
    static java.nio.file.Path work;

    @BeforeAll
    static void start() throws Exception {
        spark = TestSpark.start("translation");
        work = Files.createTempDirectory("seqpipe-translation");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static String fixture(String name) {
        return Fixtures.fixture("translation/" + name).toString();
    }

    static TranslationTaskConfig config(String... extra) {
        String train = fixture("train.de");
        String prefix = train.substring(0, train.length() - ".de".length());
        List<String> overrides = new ArrayList<>(List.of(
                "paths.train=" + prefix, "paths.validation=" + prefix.replace("train", "test"),
                "paths.score=" + fixture("raw.de"), "paths.work=" + work,
                "vocabulary.minCount=1", "sequence.maxSourceLength=12", "sequence.maxTargetLength=12",
                "model.hidden=32", "model.embedding=24", "model.dropout=0", "decoder.hidden=48",
                "decoder.embedding=24", "decoder.attentionalWidth=48", "train.epochs=30", "train.batchSize=16",
                "train.averagingFrequency=2", "train.learningRate=0.01", "train.earlyStopping.patience=0",
                "train.lengthBucketPool=4", "train.prefetchBatches=0", "decode.beamSize=3", "decode.maxLength=20", "decode.batchSize=8"));
        overrides.addAll(List.of(extra));
        return TranslationTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/translation.defaults.conf"), null, overrides));
    }

    @Test
    @Order(1)
    void prepareBuildsVocabulariesAndRejectsOverLongPairs() {
        PrepareTranslationData.Summary s = PrepareTranslationData.run(spark, config(), false);
        SplitCounts train = s.splits().get("train");
        assertEquals(120, train.read());
        assertEquals(119, train.written());
        assertEquals(Map.of("source_too_long", 1L), train.rejectedByReason());
        assertEquals(40, s.splits().get("validation").written());
        System.out.println(s);
    }

    @Test
    @Order(2)
    void trainEvaluateScore() {
        TrainTranslator.Summary t = TrainTranslator.run(spark, config(), false, List.of());
        System.out.println(t);
        EvaluateTranslator.Report r = EvaluateTranslator.run(spark, config(), false);
        System.out.println(r.flatten() + " " + r.examples());
        ScoreTranslator.Summary s = ScoreTranslator.run(spark, config("score.attention=true"), false);
        System.out.println(s);
        spark.read().parquet(s.output() + "/predictions").show(false);
    }
}
