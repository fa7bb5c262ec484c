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

import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The one raw-line reader of the record-per-line sources ({@link DelimitedTextSource} without a quote character,
 * {@link ClassCorpusSource}'s file-per-class files, {@link SeriesTextSource}): files are read as Hadoop input splits
 * of raw line bytes (so each parser decides how to decode, and undecodable bytes can be rejected rather than silently
 * replaced), blank lines are skipped, and with a header the first line of every file is skipped. Each partition
 * creates its parser once, then parses its lines lazily.
 *
 * <p>{@link #parseNumbered} gives each line its 1-based line number in its file (lines end at {@code \n}; a {@code \r}
 * before it is the parser's to strip): a first pass counts the lines of every input split (only one number per split
 * comes to the driver), from which each split's first line number follows; the second pass parses. {@link #parse}
 * gives byte offsets in one pass.
 */
public final class RawLineSource {
    private RawLineSource() {
    }

    /** Parses one line: its file, byte offset (or line number), and bytes {@code [0, length)} without the line end. */
    public interface LineParser<T> {
        T parse(String source, long offset, byte[] bytes, int length);
    }

    /** Creates a partition's parser on the executor (parsers may hold per-partition state such as a decoder). */
    public interface ParserFactory<T> extends Serializable {
        LineParser<T> create();
    }

    /** Parses the lines of {@code files}, each given its byte offset. */
    public static <T> JavaRDD<T> parse(JavaSparkContext sc, List<Path> files, Configuration hadoop, boolean skipHeader,
                                       ParserFactory<T> factory) {
        return parse(raw(sc, files, new Configuration(hadoop)), null, skipHeader, factory);
    }

    /** Parses the lines of {@code files}, each given its 1-based line number in its file (two passes, above). */
    public static <T> JavaRDD<T> parseNumbered(JavaSparkContext sc, List<Path> files, Configuration hadoop,
                                               boolean skipHeader, ParserFactory<T> factory) {
        Configuration conf = new Configuration(hadoop);
        conf.set("textinputformat.record.delimiter", "\n");
        JavaNewHadoopRDD<LongWritable, Text> raw = raw(sc, files, conf);
        List<Tuple2<String, Tuple2<Long, Long>>> counts = raw.mapPartitionsWithInputSplit((split, it) -> {
            long lines = 0;
            while (it.hasNext()) {
                it.next();
                lines++;
            }
            return List.of(new Tuple2<>(splitKey((FileSplit) split), new Tuple2<>(((FileSplit) split).getStart(),
                    lines))).iterator();
        }, true).collect();
        return parse(raw, firstLineNumbers(counts), skipHeader, factory);
    }

    /** Each split's first line number, from the line counts of all splits (keyed by split, with its start). */
    static Map<String, Long> firstLineNumbers(List<Tuple2<String, Tuple2<Long, Long>>> counts) {
        Map<String, List<Tuple2<String, Tuple2<Long, Long>>>> byFile = new TreeMap<>();
        for (Tuple2<String, Tuple2<Long, Long>> c : counts) {
            String file = c._1().substring(0, c._1().lastIndexOf('@'));
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(c);
        }
        Map<String, Long> first = new HashMap<>();
        for (List<Tuple2<String, Tuple2<Long, Long>>> splits : byFile.values()) {
            splits.sort(Comparator.comparing(c -> c._2()._1()));
            long line = 1;
            for (Tuple2<String, Tuple2<Long, Long>> c : splits) {
                first.put(c._1(), line);
                line += c._2()._2();
            }
        }
        return first;
    }

    private static String splitKey(FileSplit split) {
        return split.getPath().toString() + "@" + split.getStart();
    }

    @SuppressWarnings("unchecked")
    private static JavaNewHadoopRDD<LongWritable, Text> raw(JavaSparkContext sc, List<Path> files, Configuration conf) {
        String joined = String.join(",", files.stream().map(Path::toString).toList());
        return (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopFile(joined, TextInputFormat.class,
                LongWritable.class, Text.class, conf);
    }

    /** {@code firstLines}: each split's first line number (numbered), or null to pass byte offsets. */
    private static <T> JavaRDD<T> parse(JavaNewHadoopRDD<LongWritable, Text> raw, Map<String, Long> firstLines,
                                        boolean skipHeader, ParserFactory<T> factory) {
        return raw.mapPartitionsWithInputSplit((split, it) -> {
            String source = ((FileSplit) split).getPath().toString();
            long[] lineNumber = {firstLines == null ? 0 : firstLines.get(splitKey((FileSplit) split))};
            LineParser<T> parser = factory.create();
            return new Iterator<T>() {
                private T next = advance();

                private T advance() {
                    while (it.hasNext()) {
                        scala.Tuple2<LongWritable, Text> kv = it.next();
                        long offset = kv._1().get();
                        long line = lineNumber[0]++;
                        Text text = kv._2();
                        if (skipHeader && offset == 0) {
                            continue;
                        }
                        if (text.getLength() == 0 || (text.getLength() == 1 && text.getBytes()[0] == '\r')) {
                            continue; // blank lines are not records
                        }
                        return parser.parse(source, firstLines == null ? offset : line, text.getBytes(),
                                text.getLength());
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
