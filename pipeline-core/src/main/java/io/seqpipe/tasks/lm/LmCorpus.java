package io.seqpipe.tasks.lm;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.lm.DocumentMode;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.spark.RawLineSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * Reads a plain-text corpus from any Hadoop path (a file, a directory or a glob; {@link HadoopFiles#inputFiles})
 * into {@link LmDocument}s with {@link DocumentParser}: {@code input.documents = line} reads raw lines as input
 * splits with their line numbers ({@link RawLineSource#parseNumbered}; empty lines are not documents), {@code file}
 * reads each file whole (so a compressed file is refused, naming it). {@link #readRows} reads a DataFrame's rows
 * instead, one document each.
 */
public final class LmCorpus {
    private LmCorpus() {
    }

    /** The documents and rejections of the corpus at {@code path}; {@code what} names it in errors. */
    public static JavaRDD<LmDocument> read(JavaSparkContext sc, String path, LmDataConfig data, String what) {
        return read(sc, path, data.documents(), new DocumentParser(data.charset(), data.unitTokenizer()), what);
    }

    /**
     * The rows of a DataFrame as documents, one per row: the text of {@code textColumn} (a string), named by
     * {@code source} and its 1-based row number. A null, blank or unit-less text is rejected as {@code empty_text}.
     */
    public static JavaRDD<LmDocument> readRows(Dataset<Row> frame, String textColumn, DocumentParser parser,
                                               String source) {
        return frame.select(textColumn).toJavaRDD().zipWithIndex().map(t -> t._1().isNullAt(0)
                ? new LmDocument(source, t._2() + 1, null, List.of(new Rejection(source, t._2() + 1,
                        RejectReason.EMPTY_TEXT, "column '" + textColumn + "' is null", "")))
                : parser.parseText(source, t._2() + 1, t._1().getString(0)));
    }

    /** The documents and rejections of the corpus at {@code path}, one per line or per file, read by {@code parser}. */
    public static JavaRDD<LmDocument> read(JavaSparkContext sc, String path, DocumentMode documents,
                                           DocumentParser parser, String what) {
        Configuration hadoop = sc.hadoopConfiguration();
        List<Path> files = HadoopFiles.inputFiles(path, hadoop, what);
        if (documents == DocumentMode.LINE) {
            return RawLineSource.parseNumbered(sc, files, hadoop, false, () -> parser::parseLine);
        }
        CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
        for (Path file : files) {
            if (codecs.getCodec(file) != null) {
                throw new SeqPipeException(what + " " + path + ": " + file + " is compressed; input.documents = file"
                        + " reads each document as it is stored: decompress it first, or read it with"
                        + " input.documents = line");
            }
        }
        String joined = String.join(",", files.stream().map(Path::toString).toList());
        return sc.binaryFiles(joined).map(t -> parser.parseFile(t._1(), t._2().toArray()));
    }
}
