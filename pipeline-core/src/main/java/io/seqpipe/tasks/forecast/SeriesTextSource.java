package io.seqpipe.tasks.forecast;

import io.seqpipe.spark.RawLineSource;
import io.seqpipe.SeqPipeException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.io.PrintSafe;
import io.seqpipe.forecast.CleaningConfig;
import io.seqpipe.forecast.SeriesCsvFormat;
import io.seqpipe.forecast.SeriesRowOutcome;
import io.seqpipe.forecast.SeriesRowParser;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV time-series files from any Hadoop filesystem and parses them on the executors into
 * {@link SeriesRowOutcome}s (the sibling of {@link DelimitedTextSource} for {@link SeriesCsvFormat}). Lines are read as
 * raw bytes (LF, CRLF and CR line ends; a missing final newline is fine) and decoded as UTF-8; undecodable lines are
 * rejected ({@code undecodable_bytes}). With a header, the first line of every file is skipped and every file must
 * have the first file's header.
 */
public final class SeriesTextSource {
    private SeriesTextSource() {
    }

    /** A read input: the parsed lines, the files they came from and the header (empty without one). */
    public record Input(JavaRDD<SeriesRowOutcome> rows, List<Path> files, List<String> header) {
    }

    /**
     * @param what the config key naming the input, for messages
     */
    public static Input read(JavaSparkContext sc, String path, SeriesCsvFormat format,
                             CleaningConfig.MissingValues missingValues, String what) {
        Configuration hadoop = sc.hadoopConfiguration();
        List<Path> files = HadoopFiles.inputFiles(path, hadoop, what);
        List<String> header = List.of();
        if (format.header()) {
            header = headerOf(files.get(0), format, hadoop);
            for (Path file : files.subList(1, files.size())) {
                List<String> other = headerOf(file, format, hadoop);
                if (!other.equals(header)) {
                    throw new SeqPipeException(what + ": " + file + " has header " + PrintSafe.excerpt(other.toString()) + " but "
                            + files.get(0) + " has " + PrintSafe.excerpt(header.toString()) + "; every file of one input needs the same columns");
                }
            }
        }
        SeriesRowParser parser = SeriesRowParser.create(format, header, missingValues, files.get(0).toString());
        boolean skipHeader = format.header();
        JavaRDD<SeriesRowOutcome> parsed = RawLineSource.parseNumbered(sc, files, hadoop, skipHeader, () -> {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return (source, offset, bytes, length) -> {
                try {
                    return parser.parse(source, offset, decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString());
                } catch (CharacterCodingException e) {
                    return SeriesRowOutcome.rejected(new Rejection(source, offset, RejectReason.UNDECODABLE_BYTES,
                            "the line is not valid UTF-8", new String(bytes, 0, length, StandardCharsets.UTF_8)));
                }
            };
        });
        return new Input(parsed, new ArrayList<>(files), header);
    }

    private static List<String> headerOf(Path file, SeriesCsvFormat format, Configuration hadoop) {
        String line = new String(HadoopFiles.firstLineBytes(file, hadoop), StandardCharsets.UTF_8);
        if (line.isBlank()) {
            throw new SeqPipeException(file + " is empty but series.header = true expects a header");
        }
        return SeriesRowParser.headerNames(format, line);
    }
}
