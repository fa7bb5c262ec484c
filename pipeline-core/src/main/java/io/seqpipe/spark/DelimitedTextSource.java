package io.seqpipe.spark;

import io.seqpipe.data.ColumnLayout;
import io.seqpipe.data.DelimitedFormat;
import io.seqpipe.data.DelimitedLineParser;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text files from any Hadoop filesystem as raw line bytes (so undecodable bytes are caught and
 * rejected, not silently replaced) and parses them on the executors into {@link ParseOutcome}s. Header lines (the
 * first line of each file, when the format has a header) are skipped; the first file's header names the columns.
 */
public final class DelimitedTextSource {
    private DelimitedTextSource() {
    }

    /** A read input: the parsed lines and the files they came from. */
    public record Input(JavaRDD<ParseOutcome> lines, List<Path> files, ColumnLayout layout) {
    }

    public static Input read(JavaSparkContext sc, String path, DelimitedFormat format, String what) {
        Configuration hadoop = sc.hadoopConfiguration();
        List<Path> files = HadoopFiles.inputFiles(path, hadoop, what);
        List<String> header = List.of();
        if (format.header()) {
            byte[] first = HadoopFiles.firstLineBytes(files.get(0), hadoop);
            String line = DelimitedLineParser.stripLineEnd(new String(first, format.charsetValue()));
            DelimitedLineParser splitter = new DelimitedLineParser(format, new ColumnLayout(-1, 0, -1, -1));
            List<String> fields = splitter.split(line);
            header = fields == null ? List.of(line) : fields.stream().map(String::strip).toList();
        }
        ColumnLayout layout = ColumnLayout.resolve(format, header, files.get(0).toString());
        DelimitedLineParser parser = new DelimitedLineParser(format, layout);
        boolean skipHeader = format.header();

        JavaRDD<ParseOutcome> parsed = RawLineSource.parse(sc, files, hadoop, skipHeader, () -> parser::parse);
        return new Input(parsed, new ArrayList<>(files), layout);
    }
}
