package io.seqpipe.testing;

import io.seqpipe.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/** A real local Spark session for tests: local[2], no UI, the job's own Kryo/ND4J settings. */
public final class TestSpark {
    private TestSpark() {
    }

    public static SparkSession start(String name) {
        System.setProperty("spark.ui.enabled", "false");
        return SparkSession.builder().config(SparkSessions.conf("test-" + name, "local[2]", 1)
                .set("spark.master", "local[2]").set("spark.sql.shuffle.partitions", "4")).getOrCreate();
    }
}
