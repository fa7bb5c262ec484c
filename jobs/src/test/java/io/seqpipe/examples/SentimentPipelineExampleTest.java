package io.seqpipe.examples;

import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pipeline example runs as a user runs it, on local Spark and the sentiment fixture. */
@Tag("spark")
class SentimentPipelineExampleTest {
    @Test
    void theExampleFitsSavesLoadsAndScores(@TempDir Path work) throws Exception {
        SparkSession spark = TestSpark.start("pipeline-example");
        try {
            SentimentPipelineExample.Result r = SentimentPipelineExample.runExample(spark,
                    Fixtures.fixture("sentiment/train.tsv").toString(), work.toString());
            System.out.println(r);
            assertTrue(Files.isDirectory(Path.of(r.saved(), "stages")), r.saved());
            assertTrue(r.scored() > 30, r.toString());
            assertTrue(r.accuracy() > 0.6, r.toString());
        } finally {
            spark.stop();
        }
    }
}
