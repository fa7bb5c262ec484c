package io.seqpipe.tasks.translation;

import io.seqpipe.io.HadoopFiles;
import io.seqpipe.translation.PairOutcome;
import io.seqpipe.translation.ParallelText;
import io.seqpipe.translation.SentencePair;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

import java.util.List;

/**
 * Reads parallel corpora from any Hadoop filesystem into {@link SentencePair}s (parsing rules in
 * {@link ParallelText}): two line-aligned files, joined by line number, or one tab-separated file of pairs, parsed
 * per line into pairs or rejections. Line numbers are 1-based.
 */
public final class ParallelCorpusSource {
    private ParallelCorpusSource() {
    }

    /**
     * Pairs line i of {@code sourcePath} with line i of {@code targetPath} (one file each).
     *
     * @throws io.seqpipe.translation.MisalignedCorpusException naming both files and their line counts when the counts
     *                                                          differ (checked before anything else is computed)
     */
    public static JavaRDD<SentencePair> aligned(JavaSparkContext sc, String sourcePath, String targetPath) {
        String source = singleFile(sc, sourcePath, "source file");
        String target = singleFile(sc, targetPath, "target file");
        JavaPairRDD<Long, String> src = numbered(sc.textFile(source));
        JavaPairRDD<Long, String> tgt = numbered(sc.textFile(target));
        ParallelText.requireAligned(source, src.count(), target, tgt.count());
        String origin = ParallelText.origin(source, target);
        return src.join(tgt).sortByKey().map(t -> new SentencePair(t._2()._1(), t._2()._2(), origin, t._1() + 1));
    }

    /** Parses each line of the tab-separated file(s) at {@code path}: 0-based source and target columns. */
    public static JavaRDD<PairOutcome> tabSeparated(JavaSparkContext sc, String path, int sourceColumn,
                                                    int targetColumn) {
        List<Path> files = HadoopFiles.inputFiles(path, sc.hadoopConfiguration(), "pair file");
        JavaRDD<PairOutcome> all = null;
        for (Path file : files) {
            String name = file.toString();
            JavaRDD<PairOutcome> parsed = numbered(sc.textFile(name))
                    .map(t -> ParallelText.tabSeparated(t._2(), name, t._1() + 1, sourceColumn, targetColumn));
            all = all == null ? parsed : all.union(parsed);
        }
        return all;
    }

    private static JavaPairRDD<Long, String> numbered(JavaRDD<String> lines) {
        return lines.zipWithIndex().mapToPair(Tuple2::swap);
    }

    private static String singleFile(JavaSparkContext sc, String path, String what) {
        List<Path> files = HadoopFiles.inputFiles(path, sc.hadoopConfiguration(), what);
        if (files.size() != 1) {
            throw new io.seqpipe.SeqPipeException(what + " " + path + " must be one file (line i is paired with line i"
                    + " of the other side), found " + files.size() + ": " + HadoopFiles.describe(files));
        }
        return files.get(0).toString();
    }
}
