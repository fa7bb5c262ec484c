package io.seqpipe.tasks.classification;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code prepare} on the real SST-2 files ({@code ../shared/datasets/sst2-glue}): every row of the GLUE release is
 * accepted and the label split matches the dataset's README (37,569 positive / 29,780 negative in train, 444 / 428
 * in dev).
 */
@Tag("real-data")
class Sst2PrepareRealDataTest {

    @Test
    void everySst2RowIsPreparedWithTheDocumentedLabelSplit() throws Exception {
        Path sst2 = Fixtures.sharedDataset("sst2-glue");
        Path work = Files.createTempDirectory("sst2-prepare");
        ClassificationTaskConfig cfg = ClassificationTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/sentiment.defaults.conf"),
                Path.of("../conf/sst2.conf").toFile(), List.of("paths.train=" + sst2.resolve("train.tsv"),
                        "paths.validation=" + sst2.resolve("dev.tsv"), "paths.work=" + work)));
        SparkSession spark = TestSpark.start("sst2-prepare");
        try {
            PrepareClassificationData.Summary s = PrepareClassificationData.run(spark, cfg, false);
            assertEquals(67_349, s.splits().get("train").written());
            assertEquals(0, s.splits().get("train").rejected());
            assertEquals(872, s.splits().get("validation").written());
            assertEquals(List.of("0", "1"), s.labels());
            assertEquals(0, s.tokensTruncatedExamples(), "sequence.maxLength 64 holds every SST-2 sentence");
            List<Row> byLabel = spark.read().parquet(work.resolve("prepared/train").toString())
                    .groupBy("label_name").count().orderBy("label_name").collectAsList();
            assertEquals(29_780L, byLabel.get(0).getLong(1));
            assertEquals(37_569L, byLabel.get(1).getLong(1));
            List<Row> dev = spark.read().parquet(work.resolve("prepared/validation").toString())
                    .groupBy("label_name").count().orderBy("label_name").collectAsList();
            assertEquals(428L, dev.get(0).getLong(1));
            assertEquals(444L, dev.get(1).getLong(1));
        } finally {
            spark.stop();
        }
    }
}
