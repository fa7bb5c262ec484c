package io.seqpipe.tasks.lm;

import io.seqpipe.SeqPipeException;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.lm.DocumentMode;
import io.seqpipe.lm.LmDataConfig;
import io.seqpipe.spark.RawLineSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.List;

/**
 * Reads a plain-text corpus from any Hadoop path (a file, a directory or a glob; {@link HadoopFiles#inputFiles})
 * into {@link LmDocument}s with {@link DocumentParser}: {@code input.documents = line} reads raw lines as input
 * splits with their line numbers ({@link RawLineSource#parseNumbered}; empty lines are not documents), {@code file}
 * reads each file whole (so a compressed file is refused, naming it).
 */
public final class LmCorpus {
    private LmCorpus() {
    }

    /** The documents and rejections of the corpus at {@code path}; {@code what} names it in errors. */
    public static JavaRDD<LmDocument> read(JavaSparkContext sc, String path, LmDataConfig data, String what) {
        return read(sc, path, data.documents(), new DocumentParser(data.charset(), data.unitTokenizer()), what);
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
