package io.seqpipe.tasks;

import io.seqpipe.data.Rejection;
import io.seqpipe.spark.RejectsOutput;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one way every job counts and lists its rejects: records counted as written or under the reason of their first
 * rejection ({@link SplitCounts}), rejections counted by reason, and reject rows for {@link RejectsOutput}.
 */
public final class RejectsAccounting {
    private RejectsAccounting() {
    }

    /** What a record counts as: {@value SplitCounts#WRITTEN}, or the reason code of its first rejection. */
    public static String outcome(List<Rejection> rejections) {
        return rejections.isEmpty() ? SplitCounts.WRITTEN : rejections.get(0).reason().code();
    }

    /** Records of {@code path} written and rejected, each counted once (under its first rejection's reason). */
    public static <T> SplitCounts count(String path, JavaRDD<T> records, RecordRejections<T> rejections) {
        return SplitCounts.of(path, new HashMap<>(records.map(r -> outcome(rejections.of(r))).countByValue()));
    }

    /** Every rejection of {@code records} counted by reason code (a record with two rejections counts twice). */
    public static <T> Map<String, Long> byReason(JavaRDD<T> records, RecordRejections<T> rejections) {
        return new TreeMap<>(records.flatMap(r -> rejections.of(r).stream().map(x -> x.reason().code()).iterator())
                .countByValue());
    }

    /** One reject row per rejection, with {@code scope} (the split or stage) in the scope column. */
    public static <T> JavaRDD<Row> rows(JavaRDD<T> records, String scope, RecordRejections<T> rejections) {
        return records.flatMap(r -> rejections.of(r).stream().map(x -> RejectsOutput.row(scope, x)).iterator());
    }
}
