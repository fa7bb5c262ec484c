package io.seqpipe.spark;

import io.seqpipe.SeqPipeException;
import io.seqpipe.data.ColumnLayout;
import io.seqpipe.data.DelimitedFileParser;
import io.seqpipe.data.DelimitedFormat;
import io.seqpipe.data.DelimitedLineParser;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.util.LineReader;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads delimited text files from any Hadoop filesystem as raw bytes (so undecodable bytes are caught and rejected,
 * not silently replaced) and parses them on the executors into {@link ParseOutcome}s numbered by their 1-based line
 * in their file. With a header, every file's header is read on the driver and names that file's columns (files of one
 * input may order their columns differently); a file whose header lacks a configured column fails naming the file.
 * Empty files have no header and no records; an input whose files are all empty is an error naming them.
 *
 * <ul>
 *   <li>Without a quote character (TSV): a record is a line; files are read as Hadoop input splits, so a large file
 *       is parsed in parallel ({@link RawLineSource#parseNumbered}: one extra pass counts each split's lines).</li>
 *   <li>With {@code input.quote}: a quoted field may hold line breaks (RFC 4180), and an input split could cut such a
 *       record, so each file is read whole, in order, by one task ({@link DelimitedFileParser}); give a large CSV
 *       input as several files to read it in parallel.</li>
 * </ul>
 */
public final class DelimitedTextSource {
    private DelimitedTextSource() {
    }

    /** A read input: the parsed records, the files they came from, and each file's columns (by file). */
    public record Input(JavaRDD<ParseOutcome> lines, List<Path> files, Map<String, ColumnLayout> layouts) {
    }

    public static Input read(JavaSparkContext sc, String path, DelimitedFormat format, String what) {
        Configuration hadoop = sc.hadoopConfiguration();
        List<Path> files = HadoopFiles.inputFiles(path, hadoop, what);
        Map<String, ColumnLayout> layouts = layouts(files, format, hadoop);
        List<Path> nonEmpty = files.stream().filter(f -> layouts.containsKey(f.toString())).toList();
        if (nonEmpty.isEmpty()) {
            // nothing to read is a mistake (a wrong path, an upstream job that wrote nothing), not zero rows
            throw new SeqPipeException(what + " " + path + " has no data: " + (files.size() == 1 ? "its file "
                    + files.get(0) + " is empty" : "its " + files.size() + " files are empty (" + files.get(0)
                    + ", ...)"));
        }
        JavaRDD<ParseOutcome> parsed;
        if (format.quote() == null) {
            Map<String, DelimitedLineParser> parsers = new HashMap<>();
            layouts.forEach((file, layout) -> parsers.put(file, new DelimitedLineParser(format, layout)));
            parsed = RawLineSource.parseNumbered(sc, nonEmpty, hadoop, format.header(),
                    () -> (source, line, bytes, length) -> parserOf(parsers, source).parse(source, line, bytes, length));
        } else {
            Map<String, DelimitedFileParser> parsers = new HashMap<>();
            layouts.forEach((file, layout) -> parsers.put(file, new DelimitedFileParser(format, layout)));
            String joined = String.join(",", nonEmpty.stream().map(Path::toString).toList());
            parsed = sc.binaryFiles(joined).flatMap(file -> {
                String source = new Path(file._1()).toString();
                return parserOf(parsers, source).parse(source, lines(file._2()));
            });
        }
        return new Input(parsed, List.copyOf(files), Map.copyOf(layouts));
    }

    /** Each non-empty file's columns, from its own header (or the configured indices without a header). */
    static Map<String, ColumnLayout> layouts(List<Path> files, DelimitedFormat format, Configuration hadoop) {
        Map<String, ColumnLayout> layouts = new HashMap<>();
        for (Path file : files) {
            if (length(file, hadoop) == 0) {
                continue;
            }
            List<String> header = List.of();
            if (format.header()) {
                byte[] first = HadoopFiles.firstLineBytes(file, hadoop);
                String line = DelimitedLineParser.stripLineEnd(new String(first, format.charsetValue()));
                List<String> fields = DelimitedLineParser.split(line, format.delimiter(), format.quote());
                header = fields == null ? List.of(line) : fields.stream().map(String::strip).toList();
            }
            layouts.put(file.toString(), ColumnLayout.resolve(format, header, file.toString()));
        }
        return layouts;
    }

    private static long length(Path file, Configuration hadoop) {
        try {
            return HadoopFiles.fs(file, hadoop).getFileStatus(file).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static <P> P parserOf(Map<String, P> parsers, String source) {
        P parser = parsers.get(source);
        if (parser == null) {
            throw new IllegalStateException("no columns were read for " + source + " (files: " + parsers.keySet() + ")");
        }
        return parser;
    }

    /** The file's bytes, decompressed by the Hadoop codec its name calls for (.gz, .bz2, ...), as the TSV path reads. */
    private static InputStream decompressed(PortableDataStream file) {
        InputStream raw = file.open();
        CompressionCodec codec = new CompressionCodecFactory(file.getConfiguration()).getCodec(new Path(file.getPath()));
        if (codec == null) {
            return raw;
        }
        try {
            return codec.createInputStream(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decompress " + file.getPath(), e);
        }
    }

    /** The physical lines of a whole file, numbered from 1, split on {@code \n}; the stream closes at the end. */
    private static Iterator<DelimitedFileParser.RawLine> lines(PortableDataStream file) {
        InputStream in = decompressed(file);
        LineReader reader = new LineReader(in, "\n".getBytes(StandardCharsets.US_ASCII));
        return new Iterator<>() {
            private long number;
            private DelimitedFileParser.RawLine next = read();

            private DelimitedFileParser.RawLine read() {
                Text text = new Text();
                try {
                    if (reader.readLine(text) == 0) {
                        reader.close();
                        return null;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file.getPath(), e);
                }
                return new DelimitedFileParser.RawLine(++number, Arrays.copyOf(text.getBytes(), text.getLength()));
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public DelimitedFileParser.RawLine next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                DelimitedFileParser.RawLine current = next;
                next = read();
                return current;
            }
        };
    }
}
