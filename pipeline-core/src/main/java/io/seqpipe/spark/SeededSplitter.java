package io.seqpipe.spark;

import io.seqpipe.data.SeededSplit;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import scala.Tuple2;

/**
 * Applies a {@link SeededSplit} to an RDD: records are ranked by their seeded key and identity (a total order, so
 * the ranks, and with them the split, do not depend on partitioning), and each is tagged with the split its rank
 * falls in.
 */
public final class SeededSplitter {
    private SeededSplitter() {
    }

    /** {@code (split name, record)} for every record; {@code identity} gives a record's stable identity. */
    public static <T> JavaPairRDD<String, T> assign(JavaRDD<T> records, SeededSplit split,
                                                    Function<T, String> identity) {
        long n = records.count();
        return records.mapToPair(r -> new Tuple2<>(split.sortKey(identity.call(r)), r)).sortByKey().zipWithIndex()
                .mapToPair(t -> new Tuple2<>(split.assign(t._2(), n), t._1()._2()));
    }
}
