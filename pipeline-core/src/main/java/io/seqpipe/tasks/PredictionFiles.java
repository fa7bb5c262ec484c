package io.seqpipe.tasks;

import io.seqpipe.io.AtomicOutput;
import io.seqpipe.spark.SingleFileExport;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes a score job's predictions in the extra formats of {@code score.outputFormats}, each one file beside the
 * Parquet folder in the job's atomic output: {@code <base>.csv} (nested columns flattened by
 * {@link SingleFileExport#flatForCsv}, or by the task's own CSV frame), {@code <base>.jsonl} and {@code <base>.conll}.
 * The caller writes the Parquet folder itself.
 */
public final class PredictionFiles {
    private PredictionFiles() {
    }

    /** The console line naming the extra files a score wrote ({@code also as ...}); none when there are none. */
    public static List<String> alsoAs(List<String> files) {
        return files.isEmpty() ? List.of() : List.of("  also as " + String.join(", ", files));
    }

    /**
     * {@code frame}, persisted when it will be written more than once (Parquet and an extra format), so that the
     * predictions are computed once; as it is otherwise. {@code unpersist} after the writes either way.
     */
    public static Dataset<Row> persistForExtraFiles(Dataset<Row> frame, Set<PredictionFormat> formats) {
        return formats.size() > 1 ? frame.persist(StorageLevel.MEMORY_AND_DISK()) : frame;
    }

    /**
     * @param frame the predictions as in Parquet, in the order the files should have
     * @param csv   the frame to write as CSV (atomic columns), or null to flatten {@code frame} the default way
     * @param conll the CoNLL lines of the predictions, one string per sentence (asked for only with {@code conll})
     * @return the names of the files written, in format order
     */
    public static List<String> write(Set<PredictionFormat> formats, AtomicOutput out, String base, Dataset<Row> frame,
                                     Dataset<Row> csv, Supplier<Dataset<String>> conll, Configuration hadoop) {
        List<String> written = new ArrayList<>();
        for (PredictionFormat format : formats) {
            Path file = new Path(out.path(), format.fileName(base));
            switch (format) {
                case PARQUET -> {
                    continue;
                }
                case CSV -> SingleFileExport.csv(csv != null ? csv : SingleFileExport.flatForCsv(frame), file, hadoop);
                case JSONL -> SingleFileExport.jsonLines(frame, file, hadoop);
                case CONLL -> SingleFileExport.textLines(conll.get(), file, hadoop);
            }
            written.add(file.getName());
        }
        return List.copyOf(written);
    }
}
