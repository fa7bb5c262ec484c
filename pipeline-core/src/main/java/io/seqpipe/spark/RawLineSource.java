package io.seqpipe.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The one raw-line reader of the record-per-line sources ({@link DelimitedTextSource}, {@link SeriesTextSource}):
 * files are read as Hadoop input splits of raw line bytes (so each parser decides how to decode, and undecodable bytes
 * can be rejected rather than silently replaced), blank lines are skipped, and with a header the first line of every
 * file (offset 0) is skipped. Each partition creates its parser once, then parses its lines lazily.
 */
public final class RawLineSource {
    private RawLineSource() {
    }

    /** Parses one line: its file, byte offset, and bytes {@code [0, length)} without the line end. */
    public interface LineParser<T> {
        T parse(String source, long offset, byte[] bytes, int length);
    }

    /** Creates a partition's parser on the executor (parsers may hold per-partition state such as a decoder). */
    public interface ParserFactory<T> extends Serializable {
        LineParser<T> create();
    }

    public static <T> JavaRDD<T> parse(JavaSparkContext sc, List<Path> files, Configuration hadoop, boolean skipHeader,
                                       ParserFactory<T> factory) {
        String joined = String.join(",", files.stream().map(Path::toString).toList());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopFile(joined,
                TextInputFormat.class, LongWritable.class, Text.class, new Configuration(hadoop));
        return raw.mapPartitionsWithInputSplit((split, it) -> {
            String source = ((FileSplit) split).getPath().toString();
            LineParser<T> parser = factory.create();
            return new Iterator<T>() {
                private T next = advance();

                private T advance() {
                    while (it.hasNext()) {
                        scala.Tuple2<LongWritable, Text> kv = it.next();
                        long offset = kv._1().get();
                        Text text = kv._2();
                        if (skipHeader && offset == 0) {
                            continue;
                        }
                        if (text.getLength() == 0 || (text.getLength() == 1 && text.getBytes()[0] == '\r')) {
                            continue; // blank lines are not records
                        }
                        return parser.parse(source, offset, text.getBytes(), text.getLength());
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public T next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    T current = next;
                    next = advance();
                    return current;
                }
            };
        }, true);
    }
}
