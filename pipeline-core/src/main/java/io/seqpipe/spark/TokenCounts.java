package io.seqpipe.spark;

import io.seqpipe.text.VocabularyBuilder;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts tokens with Spark and brings back only what the vocabulary can hold: tokens seen at least
 * {@code minCount} times, the {@code limit} most frequent. The driver never holds more than {@code limit} entries.
 */
public final class TokenCounts {
    private TokenCounts() {
    }

    public static Map<String, Long> mostFrequent(JavaRDD<List<String>> tokenized, int minCount, int limit) {
        List<Tuple2<String, Long>> top = tokenized
                .flatMap(List::iterator)
                .mapToPair(t -> new Tuple2<>(t, 1L))
                .reduceByKey(Long::sum)
                .filter(t -> t._2() >= minCount)
                .takeOrdered(limit, new ByFrequency());
        Map<String, Long> out = new LinkedHashMap<>();
        for (Tuple2<String, Long> t : top) {
            out.put(t._1(), t._2());
        }
        return out;
    }

    /** {@link VocabularyBuilder#BY_FREQUENCY} on Spark tuples: count descending, then token ascending. */
    static final class ByFrequency implements Comparator<Tuple2<String, Long>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
            return VocabularyBuilder.BY_FREQUENCY.compare(Map.entry(a._1(), a._2()), Map.entry(b._1(), b._2()));
        }
    }
}
